// The timeline's series store: bucket merging, window queries at any zoom, bridging, bounded
// memory and recovery points, against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { POINT_APP, POINT_CRASH, SeriesStore } from '../../src/ui/series-store';

const f = (...xs: number[]) => new Float64Array(xs);
const arr = (a: Float32Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('SeriesStore', () => {
  // 10 buckets of 100 ms over [0, 1000].
  const small = () => new SeriesStore(2, 1000, { bucketCount: 10, bridgeMs: 0 });

  it('keeps min, max, first and last of the samples in one bucket', () => {
    const s = small();
    s.add({ rpo_ms: f(0, 10, 5, 0, 20, 9, 0, 30, 2, 0, 40, 7) });
    const q = s.query(0, 'rpo_ms', 0, 100, 1);
    expect([q.min[0], q.max[0], q.first[0], q.last[0]]).toEqual([2, 9, 5, 7]);
  });

  it('merges buckets narrower than a pixel', () => {
    const s = small();
    // bucket 0: 1, bucket 1: 4, bucket 2: 3, bucket 3: 8, bucket 5: 6
    s.add({ churn_Bps: f(1, 50, 1, 1, 150, 4, 1, 250, 3, 1, 350, 8, 1, 550, 6) });
    const q = s.query(1, 'churn_Bps', 0, 1000, 5); // 200 ms per pixel = 2 buckets
    expect(arr(q.min)).toEqual([1, 3, 6, null, null]);
    expect(arr(q.max)).toEqual([4, 8, 6, null, null]);
    expect(arr(q.first)).toEqual([1, 3, 6, null, null]);
    expect(arr(q.last)).toEqual([4, 8, 6, null, null]);
  });

  it('repeats a bucket wider than a pixel over its pixels and answers a window query', () => {
    const s = small();
    s.add({ rpo_ms: f(0, 120, 10, 0, 180, 30, 0, 230, 50) });
    // Window [100, 300] at 8 px: 25 ms per pixel; pixels 0–3 in bucket 1, 4–7 in bucket 2.
    const q = s.query(0, 'rpo_ms', 100, 300, 8);
    expect(arr(q.min)).toEqual([10, 10, 10, 10, 50, 50, 50, 50]);
    expect(arr(q.max)).toEqual([30, 30, 30, 30, 50, 50, 50, 50]);
  });

  it('tells which buckets of a series were written since it was last asked', () => {
    const s = small();
    expect(s.takeTouched('rpo_ms')).toBeNull();
    s.add({ rpo_ms: f(0, 350, 1, 1, 120, 2), churn_Bps: f(0, 990, 3) });
    s.add({ rpo_ms: f(1, 560, 4, 5, 10, 9) }); // VM 5 is unknown: not written
    expect(s.takeTouched('rpo_ms')).toEqual([1, 5]);
    expect(s.takeTouched('rpo_ms')).toBeNull();
    expect(s.takeTouched('churn_Bps')).toEqual([9, 9]);
    s.add({ rpo_ms: f(0, 710, 2) });
    expect(s.takeTouched('rpo_ms')).toEqual([7, 7]);
  });

  it('keeps series and VMs apart, and ignores unknown VMs and non-finite values', () => {
    const s = small();
    s.add({ rpo_ms: f(0, 50, 1, 1, 50, 2, 7, 50, 3, 0, 60, NaN), throughput_Bps: f(0, 50, 99) });
    expect(s.query(0, 'rpo_ms', 0, 100, 1).max[0]).toBe(1);
    expect(s.query(1, 'rpo_ms', 0, 100, 1).max[0]).toBe(2);
    expect(s.query(0, 'throughput_Bps', 0, 100, 1).max[0]).toBe(99);
    expect(Number.isNaN(s.query(0, 'lag_ms', 0, 100, 1).max[0])).toBe(true);
    expect(Number.isNaN(s.query(5, 'rpo_ms', 0, 100, 1).max[0])).toBe(true);
  });

  it('leaves pixels outside [0, endMs] empty', () => {
    const s = small();
    s.add({ rpo_ms: f(0, 950, 4) });
    const q = s.query(0, 'rpo_ms', 800, 1200, 4); // 100 ms per pixel
    expect(arr(q.max)).toEqual([null, 4, null, null]);
  });

  it('bridges short gaps with a straight line from the last value to the next first one', () => {
    const s = new SeriesStore(1, 1000, { bucketCount: 10, bridgeMs: 300 });
    // A saw-tooth: top 40 then bottom 0 at t=50 (bucket 0), rising to 30 at t=350 (bucket 3).
    s.add({ rpo_ms: f(0, 50, 40, 0, 50, 0, 0, 350, 30, 0, 950, 5) });
    const q = s.query(0, 'rpo_ms', 0, 1000, 10);
    // Pixels 1, 2 between 0 (last) and 30 (first); 4…8 span 600 ms > 300 ms: not bridged.
    expect(arr(q.max)).toEqual([40, 10, 20, 30, null, null, null, null, null, 5]);
    expect(arr(q.min)).toEqual([0, 10, 20, 30, null, null, null, null, null, 5]);
  });

  it('reuses the output arrays it is given', () => {
    const s = small();
    s.add({ rpo_ms: f(0, 50, 1) });
    const a = s.query(0, 'rpo_ms', 0, 1000, 10);
    s.add({ rpo_ms: f(0, 150, 2) });
    const b = s.query(0, 'rpo_ms', 0, 1000, 10, a);
    expect(b).toBe(a);
    expect(arr(b.max).slice(0, 3)).toEqual([1, 2, null]);
    expect(s.version).toBe(2);
    expect(s.latestMs).toBe(150);
  });

  it('sizes its buckets to a memory budget and never grows with the samples', () => {
    const s = new SeriesStore(100, 30 * 86_400_000);
    expect(s.bucketCount).toBeLessThanOrEqual(4096);
    const before = s.memoryBytes();
    expect(before).toBeLessThan(40 * 1024 * 1024);
    // A month of 5-minute samples of every VM.
    for (let day = 0; day < 30; day++) {
      const triples = new Float64Array(100 * 288 * 3);
      let i = 0;
      for (let vm = 0; vm < 100; vm++) {
        for (let k = 0; k < 288; k++) {
          triples[i++] = vm;
          triples[i++] = day * 86_400_000 + k * 300_000;
          triples[i++] = k;
        }
      }
      s.add({ rpo_ms: triples, churn_Bps: triples });
    }
    expect(s.memoryBytes()).toBe(before);
    const many = new SeriesStore(2000, 86_400_000);
    expect(many.bucketCount).toBe(256);
  });

  it('keeps recovery points in time order and counts them in a window', () => {
    const s = small();
    s.add({ points: f(0, 100, POINT_CRASH, 0, 200, POINT_APP, 1, 150, POINT_CRASH) });
    s.add({ points: f(0, 300, POINT_CRASH, 0, 250, POINT_CRASH) });
    const seen: [number, number][] = [];
    s.forEachPoint(0, 150, 300, (t, k) => seen.push([t, k]));
    expect(seen).toEqual([
      [200, POINT_APP],
      [250, POINT_CRASH],
      [300, POINT_CRASH],
    ]);
    expect(s.pointCount(0, 0, 1000)).toBe(4);
    expect(s.pointCount(0, 100, 100)).toBe(1);
    expect(s.pointCount(1, 0, 1000)).toBe(1);
  });

  it('falls back to a per-bucket bitmap past maxPointsPerVm', () => {
    const s = new SeriesStore(1, 1000, { bucketCount: 10, maxPointsPerVm: 3 });
    // Buckets 0 (crash), 1 (crash + app), 4 (crash, the overflowing point).
    s.add({ points: f(0, 10, POINT_CRASH, 0, 110, POINT_CRASH, 0, 120, POINT_APP, 0, 410, POINT_CRASH) });
    expect(s.isCoarse(0)).toBe(true);
    const seen: [number, number][] = [];
    s.forEachPoint(0, 0, 1000, (t, k) => seen.push([t, k]));
    expect(seen).toEqual([
      [50, POINT_CRASH],
      [150, POINT_APP],
      [450, POINT_CRASH],
    ]);
    expect(s.pointCount(0, 100, 500)).toBe(2);
  });
});
