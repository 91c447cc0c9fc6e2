import { describe, expect, it } from 'vitest';
import { RpoRecorder } from '../../src/metrics/rpo-recorder';
import { SegmentStore } from '../../src/metrics/segment-store';

describe('RpoRecorder', () => {
  it('a regular saw-tooth from 60 s to 360 s: uniform, so mean = p50 = 210 s and p95 = 345 s', () => {
    const r = new RpoRecorder();
    // Points cut every 300 s, each available 60 s later.
    for (let k = 1; k <= 100; k++) r.pointAvailable(k * 300_000, k * 300_000 + 60_000);
    const s = r.summary(100 * 300_000 + 60_000, 15 * 60_000)!;
    expect(s).toEqual({ maxMs: 360_000, meanMs: 210_000, p50Ms: 210_000, p95Ms: 345_000, p99Ms: 357_000, withinThresholdPct: 100, atEndMs: 60_000 });
  });

  it('thousands of teeth: alternating 60→360 s and 60→660 s give p50 285 s, p95 615 s, p99 651 s', () => {
    const r = new RpoRecorder();
    // Each point is 60 s old when it lands; the next lands 300 s or 600 s later, in turn: 6,000 teeth.
    let at = 60_000;
    r.pointAvailable(0, at);
    for (let k = 0; k < 6000; k++) {
      at += k % 2 === 0 ? 300_000 : 600_000;
      r.pointAvailable(at - 60_000, at);
    }
    // Per pair of teeth (900 s), RPO ≤ v for 2(v − 60) s up to 360 s, then 300 + (v − 60) s.
    const s = r.summary(at, 15 * 60_000)!;
    expect([s.p50Ms, s.p95Ms, s.p99Ms]).toEqual([285_000, 615_000, 651_000]);
    expect(s.maxMs).toBe(660_000);
  });

  it('one tooth: p50, p95 and p99 all fall between the same two breakpoints of the sweep', () => {
    const r = new RpoRecorder();
    r.pointAvailable(0, 0); // RPO 0 → 1,000 s, uniform
    const s = r.summary(1_000_000, 0)!;
    expect([s.p50Ms, s.p95Ms, s.p99Ms]).toEqual([500_000, 950_000, 990_000]);
  });

  it('the three percentiles of a summary, found in one sweep, are those of a sweep each', () => {
    const r = new RpoRecorder();
    let x = 7;
    const next = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    let at = 0;
    for (let k = 0; k < 3000; k++) {
      at += 1 + next(900_000);
      r.pointAvailable(at - next(Math.min(at, 120_000)), at);
    }
    const s = r.summary(at + 1, 0)!;
    expect([s.p50Ms, s.p95Ms, s.p99Ms]).toEqual([r.percentile(0.5), r.percentile(0.95), r.percentile(0.99)]);
    expect(s.p50Ms).toBeLessThan(s.p95Ms);
  });

  it('an RPO beyond 2^32 ms (about 50 days) still sums up exactly (the sort of doubles)', () => {
    const r = new RpoRecorder();
    let at = 60_000;
    r.pointAvailable(0, at);
    for (let k = 0; k < 5000; k++) {
      at += 300_000;
      r.pointAvailable(at - 60_000, at);
    }
    // Then no point for 50 days: 5,000 teeth of 60→360 s (1.5e6 s) and one of 60 s → 50 d + 60 s (4.32e6 s).
    const end = at + 50 * 86_400_000;
    const s = r.summary(end, 15 * 60_000)!;
    // p50: 2.91e6 s = 1.5e6 + (v − 60) → v = 1,410,060 s.
    expect(s.p50Ms).toBe(1_410_060_000);
    expect(s.maxMs).toBe(50 * 86_400_000 + 60_000);
  });

  it('time-weighted: one long tooth weighs by its length', () => {
    const r = new RpoRecorder();
    r.pointAvailable(0, 0); // RPO 0 → 100 s over [0, 100 s)
    r.pointAvailable(100_000, 100_000); // RPO 0 → 300 s over [100 s, 400 s)
    const s = r.summary(400_000, 200_000)!;
    // RPO ≤ v for min(v,100)+min(v,300) of 400 s: p50 → 2v = 200 → v = 100 s; within 200 s: 300 of 400 s.
    expect(s.p50Ms).toBe(100_000);
    expect(s.maxMs).toBe(300_000);
    expect(s.withinThresholdPct).toBe(75);
    expect(s.meanMs).toBe(Math.round((100 * 50 + 300 * 150) / 400) * 1000);
  });

  it('undefined stretches are left out; nothing recorded gives null', () => {
    expect(new RpoRecorder().summary(1000, 10)).toBeNull();
    const r = new RpoRecorder();
    r.pointAvailable(0, 10_000);
    r.undefine(20_000); // RPO 10 s → 20 s over 10 s
    r.pointAvailable(90_000, 100_000); // undefined from 20 s to 100 s
    const s = r.summary(110_000, 60_000)!;
    expect(r.recordedMs).toBe(20_000);
    expect(s.maxMs).toBe(20_000);
    expect(s.atEndMs).toBe(20_000);
  });

  it('recorders sharing one segment store summarise exactly as recorders of their own', () => {
    const shared = new SegmentStore();
    const together = [0, 1, 2].map(() => new RpoRecorder(shared));
    const apart = [0, 1, 2].map(() => new RpoRecorder());
    // Interleaved appends of different saw-tooths, one VM undefined for a while.
    for (let k = 1; k <= 50; k++) {
      for (let i = 0; i < 3; i++) {
        for (const r of [together[i], apart[i]]) {
          if (i === 2 && k === 20) r.undefine(k * 300_000);
          else r.pointAvailable(k * 300_000 - 1000 * (i + 1) * (k % 5), k * 300_000 + 7_000 * i + (k % 3) * 500);
        }
      }
      // A summary mid-run groups the store; later appends must regroup it.
      if (k === 25) expect(together[1].summary(k * 300_000 + 60_000, 200_000)).toEqual(apart[1].summary(k * 300_000 + 60_000, 200_000));
    }
    for (let i = 0; i < 3; i++) {
      const a = together[i].summary(15_100_000, 200_000);
      expect(a).not.toBeNull();
      expect(a).toEqual(apart[i].summary(15_100_000, 200_000));
      expect(together[i].percentile(0.9)).toBe(apart[i].percentile(0.9));
    }
  });

  it('a segment that is not a 32-bit whole number (a fraction, beyond 49 days) widens the shared store: every recorder still summarises as alone', () => {
    const cases = [
      // Recorder 1's point at k = 1500 is half a millisecond off: its RPO becomes fractional.
      { offset: 0, pointOf: (i: number, k: number) => (i === 1 && k === 1500 ? k * 30_000 - 0.5 : k * 30_000 - 4_000 * (i + 1)) },
      // 50 days in, recorder 1's first point is from the start: an RPO above 2^32 ms.
      { offset: 2 ** 32, pointOf: (i: number, k: number) => (i === 1 && k === 1 ? 0 : 2 ** 32 + k * 30_000 - 4_000 * (i + 1)) },
    ];
    for (const { offset, pointOf } of cases) {
      const shared = new SegmentStore();
      const together = [0, 1].map(() => new RpoRecorder(shared));
      const apart = [0, 1].map(() => new RpoRecorder());
      for (let k = 1; k <= 3000; k++) {
        for (let i = 0; i < 2; i++) {
          for (const r of [together[i], apart[i]]) r.pointAvailable(pointOf(i, k), offset + k * 30_000 + (k % 7) * 100);
        }
      }
      const end = offset + 3001 * 30_000;
      for (let i = 0; i < 2; i++) expect(together[i].summary(end, 60_000)).toEqual(apart[i].summary(end, 60_000));
      expect(together[1].summary(end, 60_000)!.maxMs).toBeGreaterThan(offset === 0 ? 0 : 2 ** 32);
    }
  });
});
