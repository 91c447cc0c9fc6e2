// Records a VM's RPO, the saw-tooth t − T(newest available point), exactly: one segment per
// interval between two points (RPO rising with slope 1), from which max, mean, time-weighted
// percentiles and the share of time within a threshold are computed without sampling. The
// segments go to a SegmentStore (one per run, shared by every VM's recorder).

import type { RpoStats } from './results-types';
import { sawtoothPercentiles } from './sawtooth-percentiles';
import { SegmentStore } from './segment-store';

export class RpoRecorder {
  /** Where the segments go: the run's store shared by every VM, or one of its own. */
  private readonly store: SegmentStore;
  private readonly owner: number;
  private count = 0;
  private newestPointMs: number | null = null;
  private sinceMs = 0;
  private totalMs = 0;

  constructor(store: SegmentStore = new SegmentStore()) {
    this.store = store;
    this.owner = store.register();
  }

  /** A newer point became available at `nowMs`: RPO drops to nowMs − pointMs. */
  pointAvailable(pointMs: number, nowMs: number): void {
    this.close(nowMs);
    if (this.newestPointMs === null || pointMs > this.newestPointMs) this.newestPointMs = pointMs;
    this.sinceMs = nowMs;
  }

  /** RPO is undefined from now (points deleted, replication stopped). */
  undefine(nowMs: number): void {
    this.close(nowMs);
    this.newestPointMs = null;
  }

  /** RPO at `nowMs`, or null while undefined. */
  rpoAt(nowMs: number): number | null {
    return this.newestPointMs === null ? null : nowMs - this.newestPointMs;
  }

  /** Ends the current segment at `nowMs` (the RPO goes on from there). */
  closeAt(nowMs: number): void {
    this.close(nowMs);
  }

  get recordedMs(): number {
    return this.totalMs;
  }

  private close(nowMs: number): void {
    if (this.newestPointMs === null || nowMs <= this.sinceMs) return;
    this.store.append(this.owner, this.sinceMs - this.newestPointMs, nowMs - this.sinceMs);
    this.totalMs += nowMs - this.sinceMs;
    this.count++;
    this.sinceMs = nowMs;
  }

  /** Statistics over everything recorded up to `endMs` (null when RPO was never defined). */
  summary(endMs: number, thresholdMs: number): RpoStats | null {
    this.close(endMs);
    const atEndMs = this.rpoAt(endMs);
    if (this.count === 0) return null;
    const { starts, lengths } = this.store.segmentsOf(this.owner);
    const totals = sawtoothTotals(starts, lengths, this.count, thresholdMs);
    const [p50Ms, p95Ms, p99Ms] = percentilesOf(starts, lengths, this.count, this.totalMs, [0.5, 0.95, 0.99]);
    return {
      maxMs: totals.maxMs,
      meanMs: Math.round(totals.integral / this.totalMs),
      p50Ms,
      p95Ms,
      p99Ms,
      withinThresholdPct: (100 * totals.withinMs) / this.totalMs,
      atEndMs,
    };
  }

  /** The value v below which a fraction q of the recorded time lies (exact, rounded to 1 ms). */
  percentile(q: number): number {
    const { starts, lengths } = this.store.segmentsOf(this.owner);
    return percentilesOf(starts, lengths, this.count, this.totalMs, [q])[0];
  }
}

// The sweeps below are functions of their own, each one loop, so the JIT compiles each with
// the feedback of a whole run (a run's summary makes one call per VM over tens of thousands
// of segments; one function holding them all was recompiled and thrown away at every call).

/** The highest RPO, the integral of RPO over time (ms²) and the time RPO was within `thresholdMs`. */
function sawtoothTotals(
  starts: Float64Array,
  lengths: Float64Array,
  n: number,
  thresholdMs: number,
): { maxMs: number; integral: number; withinMs: number } {
  let max = 0;
  let integral = 0;
  let within = 0;
  for (let i = 0; i < n; i++) {
    const r0 = starts[i];
    const len = lengths[i];
    max = Math.max(max, r0 + len);
    integral += (r0 + len / 2) * len;
    within += Math.min(len, Math.max(0, thresholdMs - r0));
  }
  return { maxMs: max, integral, withinMs: within };
}

/**
 * Several percentiles (`qs` ascending) of the first `n` segments (RPO from `segmentStarts[i]` rising for
 * `lengths[i]` ms; `totalMs` their summed length), rounded to the millisecond: by narrowing
 * histograms (whole milliseconds, as RPOs are), else by sorting the breakpoints.
 */
function percentilesOf(segmentStarts: Float64Array, lengths: Float64Array, n: number, totalMs: number, qs: readonly number[]): number[] {
  const targetsMs = qs.map((q) => q * totalMs);
  const values = sawtoothPercentiles(segmentStarts, lengths, n, targetsMs) ?? percentilesBySorting(segmentStarts, lengths, n, targetsMs);
  return values.map((v) => Math.round(v));
}

/**
 * The same by a sweep over the sorted segment starts and ends (an end before a start at the
 * same value, so coverage never counts a segment that has not begun): the time with RPO ≤ v
 * is the integral of the number of segments covering v, a piecewise-linear function with
 * breakpoints at segment starts and ends.
 */
function percentilesBySorting(segmentStarts: Float64Array, lengths: Float64Array, n: number, targetsMs: readonly number[]): number[] {
  const starts = segmentStarts.slice(0, n).sort();
  const ends = segmentEnds(segmentStarts, lengths, n).sort();
  return valuesCovering(targetsMs, starts, ends, n);
}

function segmentEnds(starts: Float64Array, lengths: Float64Array, n: number): Float64Array {
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = starts[i] + lengths[i];
  return ends;
}

/**
 * The RPO values below which each of `targetsMs` (ascending) of the recorded time lies, from
 * the sorted starts and ends, in one sweep: each target is reached where a sweep of its own
 * would stop, by the same steps.
 */
function valuesCovering(targetsMs: readonly number[], starts: ArrayLike<number>, ends: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  let covered = 0; // time with RPO ≤ the current breakpoint
  let active = 0; // segments covering values just above it
  let si = 0;
  let ei = 0;
  let at = n > 0 ? starts[0] : 0;
  let result = at;
  while (si < n || ei < n) {
    const isEnd = ei < n && (si === n || ends[ei] <= starts[si]);
    const p = isEnd ? ends[ei] : starts[si];
    const next = covered + active * (p - at);
    while (out.length < targetsMs.length && next >= targetsMs[out.length] && active > 0) {
      out.push(at + (targetsMs[out.length] - covered) / active);
    }
    if (out.length === targetsMs.length) return out;
    covered = next;
    at = p;
    if (isEnd) {
      active--;
      ei++;
    } else {
      active++;
      si++;
    }
    result = p;
  }
  while (out.length < targetsMs.length) out.push(result);
  return out;
}
