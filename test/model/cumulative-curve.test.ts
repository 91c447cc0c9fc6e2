import { describe, expect, it } from 'vitest';
import { CumulativeCurve } from '../../src/model/cumulative-curve';

describe('CumulativeCurve', () => {
  // Rate 2 B/ms on [0,10), 0 on [10,20), 5 B/ms from 20: W(10)=20, W(20)=20, W(30)=70.
  const curve = () => {
    const c = new CumulativeCurve(0, 0, 2);
    c.setRate(10, 0);
    c.setRate(20, 5);
    return c;
  };

  it.each([
    [0, 0],
    [5, 10],
    [10, 20],
    [15, 20],
    [20, 20],
    [30, 70],
  ])('valueAt(%i) = %i', (t, v) => {
    expect(curve().valueAt(t)).toBe(v);
  });

  it.each([
    [0, 0],
    [10, 5],
    [20, 10],
    [21, 20.2],
    [70, 30],
  ])('timeAt(%i) = %d (the earliest time the curve reaches it)', (v, t) => {
    expect(curve().timeAt(v)).toBeCloseTo(t, 9);
  });

  it('timeAt beyond what a flat curve reaches is Infinity', () => {
    const c = new CumulativeCurve(0, 0, 1);
    c.setRate(10, 0);
    expect(c.timeAt(11)).toBe(Infinity);
  });

  it('pruning keeps lookups after the prune time exact and bounds memory', () => {
    const c = new CumulativeCurve(0, 0, 1);
    for (let t = 1; t <= 100_000; t++) {
      c.setRate(t, t % 2 === 0 ? 1 : 3);
      c.pruneBefore(t - 10);
    }
    expect(c.size).toBeLessThan(20);
    expect(c.capacity).toBeLessThanOrEqual(32); // the pruned part is compacted away, not kept
    // Average slope 2 per ms: W(t) = 2t exactly at even t.
    expect(c.valueAt(100_000)).toBe(200_000);
    expect(c.timeAt(199_997)).toBe(99_999); // W(99_998) = 199_996, then 1 B at 1 B/ms
    expect(c.timeAt(199_998)).toBeCloseTo(99_999 + 1 / 3, 9); // then 3 B/ms
  });

  it('pruning keeps the segment holding the prune time: again at the same time, or inside it, nothing goes', () => {
    const c = curve(); // breakpoints at 0, 10, 20
    const kept = () => [c.firstTimeMs, c.size];
    c.pruneBefore(5);
    expect(kept()).toEqual([0, 3]);
    c.pruneBefore(10);
    expect(kept()).toEqual([10, 2]);
    c.pruneBefore(10);
    c.pruneBefore(19);
    expect(kept()).toEqual([10, 2]);
    c.pruneBefore(25);
    expect(kept()).toEqual([20, 1]);
    c.pruneBefore(1000);
    expect(kept()).toEqual([20, 1]);
    expect(c.valueAt(25)).toBe(45);
  });

  it('refuses a change before the last one', () => {
    const c = curve();
    expect(() => c.setRate(15, 1)).toThrow(RangeError);
  });
});
