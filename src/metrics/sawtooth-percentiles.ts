// Time-weighted percentiles of a saw-tooth (RPO segments rising from `start` for `length` ms)
// by narrowing histograms, without sorting. The time with RPO ≤ v is
// C(v) = Σ clamp(v − start, 0, length) = Σ_{start < v} (v − start) − Σ_{end < v} (v − end),
// known at every bucket boundary from the counts and sums of the starts and ends below it.
// A percentile is found in the bucket where C crosses its target, then in a sub-bucket of
// that one, down to one millisecond: a pass over the segments per level (two or three levels
// of 4,096 buckets for RPOs up to 49 days), where sorting the starts and the ends was most of
// the cost of summarising a long run. Whole milliseconds in [0, 2^32) only (as RPOs are):
// anything else is left to the caller (null).

const LEVEL_BITS = 12;
const BUCKETS = 1 << LEVEL_BITS;
/** Per bucket: how many starts and ends fall in it, and their sums. */
const startCount = new Float64Array(BUCKETS);
const startSum = new Float64Array(BUCKETS);
const endCount = new Float64Array(BUCKETS);
const endSum = new Float64Array(BUCKETS);
/** The starts and ends inside the bucket being narrowed (reused across calls). */
let insideStarts = new Float64Array(64);
let insideEnds = new Float64Array(64);

/** What lies below the range being narrowed: counts and sums of the starts and ends there. */
interface Below {
  starts: number;
  startSum: number;
  ends: number;
  endSum: number;
}

/**
 * The RPO values below which each of `targetsMs` of the recorded time lies (unrounded), or
 * null when a start or an end is not a whole number in [0, 2^32) or the sums could lose
 * precision. `targetsMs` are in (0, total recorded time].
 */
export function sawtoothPercentiles(starts: Float64Array, lengths: Float64Array, n: number, targetsMs: readonly number[]): number[] | null {
  // The passes over the segments are functions of their own: with the loops here, V8 would
  // optimise this function mid-loop and then drop that code at the first target (whose code
  // had not run yet), once for every VM summarised.
  const maxEnd = maxEndOf(starts, lengths, n);
  // Counts times values stay exact integers (below 2^53).
  if (maxEnd < 0 || n * maxEnd >= 2 ** 53) return null;
  const bits = 32 - Math.clz32(maxEnd); // the values lie in [0, 2^bits)
  const shift = Math.max(0, bits - LEVEL_BITS);
  const buckets = 2 ** (bits - shift);
  clearBuckets(buckets);
  countSegments(starts, lengths, n, shift);
  // Every target's bucket first: narrowing one reuses the histogram.
  const crossings = targetsMs.map((target) => {
    const below: Below = { starts: 0, startSum: 0, ends: 0, endSum: 0 };
    const b = crossingBucket(target, 0, shift, buckets, below);
    return { target, lo: b * 2 ** shift, below, startsIn: startCount[b], endsIn: endCount[b] };
  });
  return crossings.map(({ target, lo, below, startsIn, endsIn }) => {
    if (shift === 0) return withinMillisecond(target, lo, below, startsIn, endsIn);
    const m = gatherInside(starts, lengths, n, lo, lo + 2 ** shift);
    return narrow(target, lo, shift, m, below);
  });
}

/** The latest end of the segments, or -1 when a start or an end is not a whole number in [0, 2^32). */
function maxEndOf(starts: Float64Array, lengths: Float64Array, n: number): number {
  let maxEnd = 0;
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = s + lengths[i];
    if (!(s >>> 0 === s && e >>> 0 === e)) return -1;
    if (e > maxEnd) maxEnd = e;
  }
  return maxEnd;
}

/** Adds every segment's start and end to the buckets of width 2^shift. */
function countSegments(starts: Float64Array, lengths: Float64Array, n: number, shift: number): void {
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = s + lengths[i];
    const bs = s >>> shift;
    const be = e >>> shift;
    startCount[bs]++;
    startSum[bs] += s;
    endCount[be]++;
    endSum[be] += e;
  }
}

/** Narrows `target` within [lo, lo + 2^width), whose `m` starts and ends are in `insideStarts` / `insideEnds`. */
function narrow(target: number, lo: number, width: number, m: { starts: number; ends: number }, below: Below): number {
  for (;;) {
    const shift = Math.max(0, width - LEVEL_BITS);
    const buckets = 2 ** (width - shift);
    clearBuckets(buckets);
    for (let i = 0; i < m.starts; i++) {
      const b = (insideStarts[i] - lo) >>> shift;
      startCount[b]++;
      startSum[b] += insideStarts[i];
    }
    for (let i = 0; i < m.ends; i++) {
      const b = (insideEnds[i] - lo) >>> shift;
      endCount[b]++;
      endSum[b] += insideEnds[i];
    }
    const b = crossingBucket(target, lo, shift, buckets, below);
    const from = lo + b * 2 ** shift;
    if (shift === 0) return withinMillisecond(target, from, below, startCount[b], endCount[b]);
    m = keepInside(m, from, from + 2 ** shift);
    lo = from;
    width = shift;
  }
}

function clearBuckets(buckets: number): void {
  startCount.fill(0, 0, buckets);
  startSum.fill(0, 0, buckets);
  endCount.fill(0, 0, buckets);
  endSum.fill(0, 0, buckets);
}

/**
 * The last bucket whose lower boundary has C below `target` (C crosses it inside that bucket
 * or at its upper boundary); `below` grows to hold everything in the buckets before it.
 */
function crossingBucket(target: number, lo: number, shift: number, buckets: number, below: Below): number {
  const width = 2 ** shift;
  // Counts and sums of the starts and ends below the boundary of bucket b.
  let s = below.starts;
  let ss = below.startSum;
  let e = below.ends;
  let es = below.endSum;
  let chosen = 0;
  for (let b = 0; b < buckets; b++) {
    const at = lo + b * width;
    if (s * at - ss - (e * at - es) >= target) break;
    chosen = b;
    below.starts = s;
    below.startSum = ss;
    below.ends = e;
    below.endSum = es;
    s += startCount[b];
    ss += startSum[b];
    e += endCount[b];
    es += endSum[b];
  }
  return chosen;
}

/**
 * C crosses `target` within (a, a + 1]: RPO rises there at the rate of the segments covering
 * it (those begun at or before a, not ended by then).
 */
function withinMillisecond(target: number, a: number, below: Below, startsAtA: number, endsAtA: number): number {
  const covered = below.starts * a - below.startSum - (below.ends * a - below.endSum);
  const active = below.starts + startsAtA - (below.ends + endsAtA);
  return a + (target - covered) / active;
}

/** Copies the starts and ends in [from, to) to `insideStarts` / `insideEnds`. */
function gatherInside(starts: Float64Array, lengths: Float64Array, n: number, from: number, to: number): { starts: number; ends: number } {
  if (insideStarts.length < n) {
    insideStarts = new Float64Array(Math.max(n, 2 * insideStarts.length));
    insideEnds = new Float64Array(insideStarts.length);
  }
  let ns = 0;
  let ne = 0;
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = s + lengths[i];
    if (s >= from && s < to) insideStarts[ns++] = s;
    if (e >= from && e < to) insideEnds[ne++] = e;
  }
  return { starts: ns, ends: ne };
}

/** Keeps, in place, the gathered starts and ends that lie in [from, to). */
function keepInside(m: { starts: number; ends: number }, from: number, to: number): { starts: number; ends: number } {
  let ns = 0;
  let ne = 0;
  for (let i = 0; i < m.starts; i++) {
    const s = insideStarts[i];
    if (s >= from && s < to) insideStarts[ns++] = s;
  }
  for (let i = 0; i < m.ends; i++) {
    const e = insideEnds[i];
    if (e >= from && e < to) insideEnds[ne++] = e;
  }
  return { starts: ns, ends: ne };
}
