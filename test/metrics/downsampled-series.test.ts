import { describe, expect, it } from 'vitest';
import { DownsampledSeries } from '../../src/metrics/downsampled-series';

describe('DownsampledSeries', () => {
  it('keeps each bucket’s min and max', () => {
    const s = new DownsampledSeries('x', 8, 1000);
    for (const [t, v] of [[0, 5], [500, 1], [999, 9], [1000, 4], [2500, 7]]) s.record(t, v);
    expect(s.buckets()).toEqual([
      { startMs: 0, endMs: 1000, min: 1, max: 9 },
      { startMs: 1000, endMs: 2000, min: 4, max: 4 },
      { startMs: 2000, endMs: 3000, min: 7, max: 7 },
    ]);
  });

  it('doubles its width when it runs out of buckets, merging pairs: memory stays bounded, extremes stay exact', () => {
    const s = new DownsampledSeries('x', 16, 1000);
    let x = 1;
    let max = -Infinity;
    let min = Infinity;
    for (let t = 0; t < 1_000_000; t += 250) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const v = x % 10_000;
      max = Math.max(max, v);
      min = Math.min(min, v);
      s.record(t, v);
    }
    const buckets = s.buckets();
    expect(buckets.length).toBeLessThanOrEqual(16);
    expect(s.widthMs).toBe(64_000); // 1,000 s of data in ≤ 16 buckets: 1 s doubled 6 times
    expect(Math.max(...buckets.map((b) => b.max))).toBe(max);
    expect(Math.min(...buckets.map((b) => b.min))).toBe(min);
  });
});
