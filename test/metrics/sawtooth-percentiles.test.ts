import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sawtoothPercentiles } from '../../src/metrics/sawtooth-percentiles';

/** C(v): the time with RPO ≤ v, straight from its definition. */
function coveredBelow(starts: number[], lengths: number[], v: number): number {
  let sum = 0;
  for (let i = 0; i < starts.length; i++) sum += Math.min(lengths[i], Math.max(0, v - starts[i]));
  return sum;
}

/**
 * The smallest v with C(v) ≥ target, by brute force: C is piecewise linear between the
 * breakpoints (starts and ends), so find by bisection the first breakpoint where it reaches
 * the target and interpolate from the one before.
 */
function reference(starts: number[], lengths: number[], target: number): number {
  const points = [...new Set([...starts, ...starts.map((s, i) => s + lengths[i])])].sort((a, b) => a - b);
  let lo = 0; // C(points[lo]) < target (C is 0 at the lowest breakpoint)
  let hi = points.length - 1; // C(points[hi]) ≥ target
  if (coveredBelow(starts, lengths, points[hi]) < target) return points[hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (coveredBelow(starts, lengths, points[mid]) >= target) hi = mid;
    else lo = mid;
  }
  const c0 = coveredBelow(starts, lengths, points[lo]);
  const c1 = coveredBelow(starts, lengths, points[hi]);
  return points[lo] + ((target - c0) * (points[hi] - points[lo])) / (c1 - c0);
}

const QS = [0.5, 0.95, 0.99];

function check(starts: number[], lengths: number[]): void {
  const total = lengths.reduce((a, b) => a + b, 0);
  const targets = QS.map((q) => q * total);
  const got = sawtoothPercentiles(Float64Array.from(starts), Float64Array.from(lengths), starts.length, targets);
  expect(got).not.toBeNull();
  targets.forEach((t, k) => {
    const want = reference(starts, lengths, t);
    expect(Math.abs(got![k] - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
  });
}

describe('sawtoothPercentiles: time-weighted percentiles of RPO segments by narrowing histograms', () => {
  it('one tooth 0 → 1,000 s: p50, p95, p99 at 500, 950 and 990 s (uniform)', () => {
    const got = sawtoothPercentiles(Float64Array.of(0), Float64Array.of(1_000_000), 1, [500_000, 950_000, 990_000]);
    expect(got).toEqual([500_000, 950_000, 990_000]);
  });

  it('matches C(v) from its definition on random segments: narrow and wide ranges, overlaps, ties and single ones', () => {
    const segment = (maxStart: number, maxLength: number) => fc.tuple(fc.integer({ min: 0, max: maxStart }), fc.integer({ min: 1, max: maxLength }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(segment(50, 20), { minLength: 1, maxLength: 60 }), // one level, many ties
          fc.array(segment(600_000, 300_000), { minLength: 1, maxLength: 120 }), // two levels
          fc.array(segment(2 ** 31, 2 ** 30), { minLength: 1, maxLength: 60 }), // three levels
        ),
        (segments) => check(segments.map((s) => s[0]), segments.map((s) => s[1])),
      ),
      { numRuns: 300 },
    );
  });

  it('a clustered saw-tooth with one outage tooth (hours above the rest), as a Hyper-V run has', () => {
    const starts: number[] = [];
    const lengths: number[] = [];
    for (let i = 0; i < 3000; i++) {
      starts.push(30_000 + ((i * 7919) % 15_000));
      lengths.push(30_000 + ((i * 104_729) % 9_000));
    }
    starts.push(45_000);
    lengths.push(7_200_000);
    check(starts, lengths);
  });

  it('starts and ends at almost every millisecond of a range that needs two levels: each one on its side of every boundary', () => {
    for (const seed of [1, 2, 3]) {
      const starts = Array.from({ length: 6000 }, (_, i) => (i * 7919 * seed) % 12_000);
      const lengths = Array.from({ length: 6000 }, (_, i) => 1 + ((i * 104_729 + seed) % 4_000));
      check(starts, lengths);
    }
  });

  it('a dense cluster at 2^25 ms with a brief tooth at 2^31 ms: three levels', () => {
    // A start at every millisecond of 2^25 + [0, 12,000) (7,919 is prime to 12,000).
    const starts = Array.from({ length: 12_000 }, (_, i) => 2 ** 25 + ((i * 7919) % 12_000));
    const lengths = Array.from({ length: 12_000 }, (_, i) => 1 + ((i * 104_729) % 4_000));
    check([...starts, 2 ** 31], [...lengths, 1]);
  });

  it('whole milliseconds below 2^32 only: a fraction or an end past 2^32 is left to the caller', () => {
    expect(sawtoothPercentiles(Float64Array.of(0.5), Float64Array.of(10), 1, [5])).toBeNull();
    expect(sawtoothPercentiles(Float64Array.of(2 ** 32 - 10), Float64Array.of(20), 1, [5])).toBeNull();
    expect(sawtoothPercentiles(Float64Array.of(2 ** 32 - 20), Float64Array.of(10), 1, [5])).not.toBeNull();
  });
});
