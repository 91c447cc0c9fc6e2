import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel';
import { churnSchedule, diurnalShape, type ChurnSchedule } from '../../src/model/churn-schedule';
import type { ChurnProfile } from '../../src/scenario';

const MB = 1_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const rng = (purpose = 'churn') => RandomStream.for(1, 'vm/disk', purpose);

/** Bytes written over [0, endMs) and the rate at each step start, from a schedule. */
function integrate(s: ChurnSchedule, endMs: number): { bytes: number; changes: { atMs: number; rate: number }[] } {
  let t = 0;
  let rate = s.rateAt0;
  let bytes = 0;
  const changes = [{ atMs: 0, rate }];
  for (let c = s.nextChange(); c && c.atMs < endMs; c = s.nextChange()) {
    expect(c.atMs).toBeGreaterThan(t);
    expect(Number.isInteger(c.atMs)).toBe(true);
    bytes += (rate * (c.atMs - t)) / 1000;
    t = c.atMs;
    rate = c.rateBytesPerS;
    changes.push({ atMs: t, rate });
  }
  bytes += (rate * (endMs - t)) / 1000;
  return { bytes, changes };
}

describe('churn schedules', () => {
  it('constant: one rate forever, no events', () => {
    const s = churnSchedule({ profile: 'constant', rateBytesPerS: 2 * MB, stepMs: 0, jitter: 0 }, rng());
    expect(s.rateAt0).toBe(2 * MB);
    expect(s.nextChange()).toBeNull();
  });

  it('diurnal: steps of 5 min, the peak at peakAt, the daily mean exactly the mean', () => {
    const profile: ChurnProfile = { profile: 'diurnal', meanBytesPerS: 6 * MB, peakBytesPerS: 10 * MB, peakAtMs: 2 * HOUR, stepMs: 5 * MIN, jitter: 0 };
    const { bytes, changes } = integrate(churnSchedule(profile, rng()), DAY);
    expect(changes.length).toBe(DAY / (5 * MIN));
    const at = (ms: number) => changes.find((c) => c.atMs === ms)!.rate;
    expect(at(2 * HOUR)).toBeCloseTo(10 * MB, 6); // peak
    expect(at(14 * HOUR)).toBeCloseTo(2 * MB, 6); // trough = mean − (peak − mean)
    expect(bytes / (DAY / 1000)).toBeCloseTo(6 * MB, 3);
  });

  it('diurnal with peak above twice the mean: clipped at zero at night, the mean still kept', () => {
    const { offset, amplitude } = diurnalShape(6 * MB, 24 * MB);
    expect(offset + amplitude).toBeCloseTo(24 * MB, 3);
    expect(offset).toBeLessThan(0);
    const profile: ChurnProfile = { profile: 'diurnal', meanBytesPerS: 6 * MB, peakBytesPerS: 24 * MB, peakAtMs: 2 * HOUR, stepMs: MIN, jitter: 0 };
    const { bytes, changes } = integrate(churnSchedule(profile, rng()), DAY);
    expect(Math.max(...changes.map((c) => c.rate))).toBeCloseTo(24 * MB, 0);
    expect(changes.some((c) => c.rate === 0)).toBe(true);
    // One-minute steps sample the continuous wave: within 0.5% of the continuous mean.
    expect(Math.abs(bytes / (DAY / 1000) - 6 * MB) / (6 * MB)).toBeLessThan(0.005);
  });

  it('a clipped shape solved once is the same the next time it is asked, whatever the caller did with the first', () => {
    const first = diurnalShape(7 * MB, 30 * MB);
    const again = diurnalShape(7 * MB, 30 * MB);
    expect(again).toEqual(first);
    first.offset = 0;
    expect(diurnalShape(7 * MB, 30 * MB)).toEqual(again);
    // Another peak is another shape.
    expect(diurnalShape(7 * MB, 31 * MB).offset).not.toBe(again.offset);
  });

  it('bursty: the long-run mean rate is base·E/(E+L) + burst·L/(E+L)', () => {
    const profile: ChurnProfile = { profile: 'bursty', baseBytesPerS: 1 * MB, burstBytesPerS: 20 * MB, everyMs: 2 * HOUR, lastingMs: 15 * MIN, jitter: 0 };
    const horizon = 2000 * DAY;
    const { bytes, changes } = integrate(churnSchedule(profile, rng('bursts')), horizon);
    const E = 2 * HOUR;
    const L = 15 * MIN;
    const expected = (1 * MB * E + 20 * MB * L) / (E + L);
    expect(Math.abs(bytes / (horizon / 1000) - expected) / expected).toBeLessThan(0.02);
    expect(new Set(changes.map((c) => c.rate))).toEqual(new Set([1 * MB, 20 * MB]));
  });

  it('jitter multiplies each step by a mean-1 lognormal factor: the mean rate is kept', () => {
    const profile: ChurnProfile = { profile: 'constant', rateBytesPerS: 4 * MB, stepMs: 5 * MIN, jitter: 0.3 };
    const { bytes, changes } = integrate(churnSchedule(profile, rng()), 200 * DAY);
    expect(new Set(changes.map((c) => c.rate)).size).toBeGreaterThan(1000);
    expect(Math.abs(bytes / (200 * 86_400) - 4 * MB) / (4 * MB)).toBeLessThan(0.01);
  });

  it('trace: rows hold until the next row and the trace repeats after its period', () => {
    const profile: ChurnProfile = {
      profile: 'trace',
      file: 't.csv',
      column: 2,
      startsMs: new Float64Array([0, 1800_000, 3600_000]),
      ratesBytesPerS: new Float64Array([1, 2, 3].map((x) => x * MB)),
      periodMs: 5400_000,
      jitter: 0,
    };
    const { bytes, changes } = integrate(churnSchedule(profile, rng()), 2 * 5400_000);
    expect(changes.map((c) => [c.atMs, c.rate / MB])).toEqual([
      [0, 1],
      [1800_000, 2],
      [3600_000, 3],
      [5400_000, 1],
      [7200_000, 2],
      [9000_000, 3],
    ]);
    expect(bytes).toBeCloseTo(2 * 1800 * 6 * MB, 0);
  });

  it('the same seed gives the same schedule; another seed another one', () => {
    const profile: ChurnProfile = { profile: 'bursty', baseBytesPerS: MB, burstBytesPerS: 9 * MB, everyMs: HOUR, lastingMs: 5 * MIN, jitter: 0.2 };
    const run = (seed: number) => integrate(churnSchedule(profile, RandomStream.for(seed, 'a/b', 'churn')), 10 * DAY).changes;
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});
