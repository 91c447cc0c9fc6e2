// The portable exp / log / sin / cos: within one ulp of the engine's Math functions over the
// ranges drsim uses (they are the same fdlibm algorithms), exact at the special values, and
// pinned to bit patterns so no engine or refactor can shift a digest unnoticed.
import { describe, expect, it } from 'vitest';
import { acos, cos, exp, log, sin } from '../../src/kernel/portable-math';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  return Math.abs(Number(buf.getBigInt64(0) - buf.getBigInt64(8)));
}

/** A fixed sequence of doubles spread over [lo, hi]. */
function* samples(lo: number, hi: number, n: number): Generator<number> {
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield lo + ((hi - lo) * s) / 2 ** 32;
  }
}

describe('portable math', () => {
  it.each([
    ['exp', exp, Math.exp, -745, 709],
    ['log', log, Math.log, 1e-300, 1e300],
    ['log near 1', log, Math.log, 0.5, 2],
    ['sin', sin, Math.sin, -100, 100],
    ['cos', cos, Math.cos, -100, 100],
    ['cos of a day angle', cos, Math.cos, -2 * Math.PI, 2 * Math.PI],
  ] as const)('%s is within one ulp of Math', (_name, mine, reference, lo, hi) => {
    let worst = 0;
    for (const x of samples(lo, hi, 50_000)) worst = Math.max(worst, ulps(mine(x), reference(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(1000)).toBe(Infinity);
    expect(Number.isNaN(exp(NaN))).toBe(true);
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(Number.isNaN(log(-1))).toBe(true);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(Math.E)).toBeCloseTo(1, 15);
    expect(log(5e-324)).toBeCloseTo(-744.44007192138, 10);
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    expect(sin(Math.PI / 6)).toBeCloseTo(0.5, 15);
    expect(cos(Math.PI)).toBe(-1);
    expect(Number.isNaN(sin(Infinity))).toBe(true);
  });

  it('is pinned to exact bit patterns', () => {
    // Values computed once by these functions: pure IEEE arithmetic gives them in any engine.
    expect(exp(0.7)).toBe(2.0137527074704766);
    expect(log(3)).toBe(1.0986122886681096);
    expect(sin(2.5)).toBe(0.5984721441039564);
    expect(cos(4.1)).toBe(-0.5748239465332692);
    expect(cos(12345.678)).toBe(0.7101193587160628);
  });
  it('acos by bisection inverts the portable cos and agrees with Math.acos', () => {
    // acos is ill-conditioned near ±1 (its slope is unbounded), so the check is the inverse
    // property on cos, plus closeness to the engine's acos.
    for (const v of samples(-1, 1, 2000)) {
      const a = acos(v);
      expect(Math.abs(cos(a) - v), String(v)).toBeLessThanOrEqual(2 * Number.EPSILON);
      expect(Math.abs(a - Math.acos(v)), String(v)).toBeLessThan(1e-7);
    }
    expect(acos(0)).toBeCloseTo(Math.PI / 2, 15);
  });
});
