import { describe, expect, it } from 'vitest';
import { waterFill } from '../../src/model/fair-share';

const fill = (capacity: number, demands: number[]) => {
  const out = new Float64Array(demands.length);
  waterFill(capacity, demands, out);
  return { rates: [...out], total: out.reduce((a, b) => a + b, 0) };
};

describe('waterFill (max-min fair share of one capacity)', () => {
  it.each([
    // capacity, demands,                   fair rates
    [100, [10, 20, 30], [10, 20, 30]], //     everyone fits: each gets its demand
    [100, [Infinity, Infinity], [50, 50]], // two greedy flows split evenly
    [100, [10, Infinity, Infinity], [10, 45, 45]], // the small one keeps its 10, the rest split 90
    [90, [20, 40, 50], [20, 35, 35]],
    [12, [1, 2, 3, 100], [1, 2, 3, 6]],
    [0, [5, 5], [0, 0]],
    [100, [], []],
  ])('capacity %d, demands %j → %j', (capacity, demands, expected) => {
    const { rates, total } = fill(capacity, demands);
    rates.forEach((r, i) => expect(r).toBeCloseTo(expected[i], 9));
    expect(total).toBeCloseTo(
      expected.reduce((a, b) => a + b, 0),
      9,
    );
  });

  it('greedy flows of unlimited demand share like Infinity demands, and the share is returned', () => {
    const out = new Float64Array(2);
    // Capacity 100, demands 10 and 80, plus two greedy flows: 10 satisfied, then 90 / 3 = 30 each.
    expect(waterFill(100, [10, 80], out, undefined, 2)).toBe(30);
    expect([...out]).toEqual([10, 30]);
    expect(waterFill(100, [], new Float64Array(0), undefined, 4)).toBe(25);
    expect(waterFill(100, [10, 20], new Float64Array(2))).toBe(Infinity);
  });

  it('never gives a flow more than it asks nor more than the capacity in total (random cases)', () => {
    let x = 99;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000) / 10;
    for (let c = 0; c < 500; c++) {
      const demands = Array.from({ length: 1 + (c % 17) }, () => rnd());
      const capacity = rnd() * 3;
      const { rates, total } = fill(capacity, demands);
      rates.forEach((r, i) => expect(r).toBeLessThanOrEqual(demands[i] + 1e-9));
      expect(total).toBeLessThanOrEqual(Math.max(capacity, 0) + 1e-9);
      // Max-min: any flow that got less than it asked got the largest rate of all.
      const top = Math.max(...rates);
      rates.forEach((r, i) => {
        if (r < demands[i] - 1e-9) expect(r).toBeCloseTo(top, 9);
      });
      if (demands.reduce((a, b) => a + b, 0) > capacity) expect(total).toBeCloseTo(capacity, 9);
    }
  });
});
