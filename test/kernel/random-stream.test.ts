import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('RandomStream', () => {
  it('the same (seed, entity, purpose) gives the same draws; any change gives others', () => {
    const a = draw(5, () => RandomStream.for(1, 'sql/data', 'churn').uniform());
    const s1 = RandomStream.for(1, 'sql/data', 'churn');
    const s2 = RandomStream.for(1, 'sql/data', 'churn');
    expect(draw(100, () => s1.uniform())).toEqual(draw(100, () => s2.uniform()));
    expect(new Set(a).size).toBe(1);
    const other = [RandomStream.for(2, 'sql/data', 'churn'), RandomStream.for(1, 'sql/os', 'churn'), RandomStream.for(1, 'sql/data', 'jitter')];
    for (const o of other) expect(o.uniform()).not.toBe(a[0]);
  });

  it('exponential(mean) has that mean', () => {
    const s = RandomStream.for(9, 'x', 'exp');
    expect(mean(draw(200_000, () => s.exponential(250)))).toBeCloseTo(250, -0.5);
  });

  it('lognormalFactor(cv) has mean 1 and that coefficient of variation', () => {
    const s = RandomStream.for(9, 'x', 'ln');
    const xs = draw(400_000, () => s.lognormalFactor(0.3));
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(Math.abs(m - 1)).toBeLessThan(0.005);
    expect(Math.abs(sd / m - 0.3)).toBeLessThan(0.005);
    expect(RandomStream.for(1, 'x', 'ln').lognormalFactor(0)).toBe(1);
  });

  it('normal() has mean 0 and variance 1', () => {
    const s = RandomStream.for(3, 'x', 'n');
    const xs = draw(200_000, () => s.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(0.01);
    expect(Math.abs(mean(xs.map((x) => x * x)) - 1)).toBeLessThan(0.01);
  });
});
