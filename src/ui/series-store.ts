// The timeline's memory of a run's series: per VM and series, the min / max / first / last of the
// samples in each bucket of a fixed grid over [0, endMs], plus the recovery points, in bounded memory.
import { STREAM_SERIES, type SeriesChunk } from '../session/session-types';

/** The series with a value per sample (all but `points`). */
export const VALUE_SERIES = STREAM_SERIES.filter((s) => s !== 'points') as ValueSeries[];
export type ValueSeries = Exclude<(typeof STREAM_SERIES)[number], 'points'>;

export const POINT_CRASH = 0;
export const POINT_APP = 1;

/** Bits of the per-bucket point bitmap. */
const HAS_CRASH = 1;
const HAS_APP = 2;

/** Per-pixel values of one VM's series over a window; NaN where nothing is known. */
export interface PixelSeries {
  min: Float32Array;
  max: Float32Array;
  /** The pixel's first and last sample (or the bridged value), to join pixels into a line. */
  first: Float32Array;
  last: Float32Array;
}

export function createPixelSeries(px: number): PixelSeries {
  return { min: new Float32Array(px), max: new Float32Array(px), first: new Float32Array(px), last: new Float32Array(px) };
}

export interface SeriesStoreOptions {
  /** Buckets per VM per series; by default as many as fit `memoryBudgetBytes`, 256…4096. */
  bucketCount?: number;
  /** Budget of the value buckets (16 bytes per bucket per series per VM). */
  memoryBudgetBytes?: number;
  /** Exact recovery-point times kept per VM before falling back to the per-bucket bitmap. */
  maxPointsPerVm?: number;
  /** Empty pixels between two known ones at most this far apart are bridged by a straight line. */
  bridgeMs?: number;
}

interface Buckets {
  min: Float32Array;
  max: Float32Array;
  first: Float32Array;
  last: Float32Array;
}

export class SeriesStore {
  readonly vmCount: number;
  readonly endMs: number;
  readonly bucketCount: number;
  readonly bucketMs: number;
  readonly maxPointsPerVm: number;
  readonly bridgeMs: number;
  /** Increases on every `add`, so views can tell the store changed. */
  version = 0;
  /** The latest sample time seen. */
  latestMs = 0;

  private readonly buckets: Record<ValueSeries, Buckets>;
  /** Per series, the lowest and highest bucket written since `takeTouched` last asked. */
  private readonly touched = new Map<ValueSeries, [number, number]>();
  private readonly pointTimes: Float64Array[];
  private readonly pointKinds: Uint8Array[];
  private readonly pointCounts: Int32Array;
  /** 1 once a VM's exact points overflowed: it is drawn from the bitmap from then on. */
  private readonly pointsCoarse: Uint8Array;
  private readonly pointBits: Uint8Array;

  constructor(vmCount: number, endMs: number, options: SeriesStoreOptions = {}) {
    if (!(vmCount >= 0) || !Number.isInteger(vmCount)) throw new RangeError(`SeriesStore needs a whole VM count, got ${vmCount}`);
    if (!(endMs > 0)) throw new RangeError(`SeriesStore needs endMs > 0, got ${endMs}`);
    const budget = options.memoryBudgetBytes ?? 32 * 1024 * 1024;
    const fitting = Math.floor(budget / (Math.max(1, vmCount) * VALUE_SERIES.length * 16));
    this.vmCount = vmCount;
    this.endMs = endMs;
    this.bucketCount = options.bucketCount ?? Math.max(256, Math.min(4096, fitting));
    this.bucketMs = endMs / this.bucketCount;
    this.maxPointsPerVm = options.maxPointsPerVm ?? 50_000;
    this.bridgeMs = options.bridgeMs ?? 16 * 60_000;
    const cells = vmCount * this.bucketCount;
    const make = (): Buckets => ({
      min: new Float32Array(cells).fill(Infinity),
      max: new Float32Array(cells).fill(-Infinity),
      first: new Float32Array(cells).fill(NaN),
      last: new Float32Array(cells).fill(NaN),
    });
    this.buckets = Object.fromEntries(VALUE_SERIES.map((s) => [s, make()])) as Record<ValueSeries, Buckets>;
    this.pointTimes = Array.from({ length: vmCount }, () => new Float64Array(0));
    this.pointKinds = Array.from({ length: vmCount }, () => new Uint8Array(0));
    this.pointCounts = new Int32Array(vmCount);
    this.pointsCoarse = new Uint8Array(vmCount);
    this.pointBits = new Uint8Array(cells);
  }

  /** The bucket a time falls in (times outside [0, endMs] go to the first / last bucket). */
  bucketOf(timeMs: number): number {
    const b = Math.floor(timeMs / this.bucketMs);
    return b < 0 ? 0 : b >= this.bucketCount ? this.bucketCount - 1 : b;
  }

  /** Takes a frame's new samples. Samples of an unknown VM or with a non-finite value are ignored. */
  add(chunk: SeriesChunk): void {
    for (const series of VALUE_SERIES) {
      const triples = chunk[series];
      if (triples !== undefined) this.addValues(series, triples);
    }
    if (chunk.points !== undefined) this.addPoints(chunk.points);
    this.version++;
  }

  private addValues(series: ValueSeries, triples: Float64Array): void {
    const b = this.buckets[series];
    const n = this.bucketCount;
    let lo = n;
    let hi = -1;
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const vm = triples[i];
      const t = triples[i + 1];
      const v = triples[i + 2];
      if (!(vm >= 0 && vm < this.vmCount) || !Number.isFinite(v) || !Number.isFinite(t)) continue;
      const bucket = this.bucketOf(t);
      if (bucket < lo) lo = bucket;
      if (bucket > hi) hi = bucket;
      const k = (vm | 0) * n + bucket;
      if (v < b.min[k]) b.min[k] = v;
      if (v > b.max[k]) b.max[k] = v;
      if (Number.isNaN(b.first[k])) b.first[k] = v;
      b.last[k] = v;
      if (t > this.latestMs) this.latestMs = t;
    }
    if (hi < 0) return;
    const range = this.touched.get(series);
    if (range === undefined) this.touched.set(series, [lo, hi]);
    else {
      range[0] = Math.min(range[0], lo);
      range[1] = Math.max(range[1], hi);
    }
  }

  /**
   * The buckets of `series` written since the previous call, as [lo, hi] (null: none), so an
   * aggregate over every VM (the overview) need only recompute those. One consumer per store.
   */
  takeTouched(series: ValueSeries): [number, number] | null {
    const range = this.touched.get(series) ?? null;
    this.touched.delete(series);
    return range;
  }

  private addPoints(triples: Float64Array): void {
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const vm = triples[i] | 0;
      const t = triples[i + 1];
      if (!(vm >= 0 && vm < this.vmCount) || !Number.isFinite(t)) continue;
      const kind = triples[i + 2] === POINT_APP ? POINT_APP : POINT_CRASH;
      this.pointBits[vm * this.bucketCount + this.bucketOf(t)] |= kind === POINT_APP ? HAS_APP : HAS_CRASH;
      if (t > this.latestMs) this.latestMs = t;
      if (this.pointsCoarse[vm]) continue;
      const count = this.pointCounts[vm];
      if (count >= this.maxPointsPerVm) {
        // Too many to keep one by one: from now on this VM's points come from the bitmap.
        this.pointsCoarse[vm] = 1;
        this.pointTimes[vm] = new Float64Array(0);
        this.pointKinds[vm] = new Uint8Array(0);
        this.pointCounts[vm] = 0;
        continue;
      }
      if (count === this.pointTimes[vm].length) this.growPoints(vm);
      // Points arrive in time order; an out-of-order one is inserted where it belongs.
      const times = this.pointTimes[vm];
      const kinds = this.pointKinds[vm];
      let at = count;
      while (at > 0 && times[at - 1] > t) at--;
      times.copyWithin(at + 1, at, count);
      kinds.copyWithin(at + 1, at, count);
      times[at] = t;
      kinds[at] = kind;
      this.pointCounts[vm] = count + 1;
    }
  }

  private growPoints(vm: number): void {
    const size = Math.min(this.maxPointsPerVm, Math.max(64, this.pointTimes[vm].length * 2));
    const times = new Float64Array(size);
    const kinds = new Uint8Array(size);
    times.set(this.pointTimes[vm]);
    kinds.set(this.pointKinds[vm]);
    this.pointTimes[vm] = times;
    this.pointKinds[vm] = kinds;
  }

  /**
   * Per-pixel min / max (and first / last) of one VM's series over [t0, t1] at `px` pixels: the
   * buckets a pixel overlaps are merged (a bucket wider than a pixel repeats over its pixels), and
   * empty pixels between known ones at most `bridgeMs` apart take the straight line between them.
   * Unknown pixels are NaN. Reuses `out` when it has `px` pixels.
   */
  query(vm: number, series: ValueSeries, t0: number, t1: number, px: number, out?: PixelSeries): PixelSeries {
    const o = out !== undefined && out.min.length === px ? out : createPixelSeries(px);
    o.min.fill(NaN);
    o.max.fill(NaN);
    o.first.fill(NaN);
    o.last.fill(NaN);
    if (!(vm >= 0 && vm < this.vmCount) || !(t1 > t0) || px <= 0) return o;
    const b = this.buckets[series];
    const n = this.bucketCount;
    const base = vm * n;
    const w = (t1 - t0) / px;
    for (let i = 0; i < px; i++) {
      const ta = t0 + i * w;
      const tb = ta + w;
      if (tb <= 0 || ta >= this.endMs) continue;
      const ba = Math.max(0, Math.floor(ta / this.bucketMs));
      const bb = Math.min(n - 1, Math.ceil(tb / this.bucketMs) - 1);
      let lo = Infinity;
      let hi = -Infinity;
      let first = NaN;
      let last = NaN;
      for (let k = base + ba; k <= base + bb; k++) {
        const f = b.first[k];
        if (f !== f) continue; // empty bucket
        if (b.min[k] < lo) lo = b.min[k];
        if (b.max[k] > hi) hi = b.max[k];
        if (first !== first) first = f;
        last = b.last[k];
      }
      if (first === first) {
        o.min[i] = lo;
        o.max[i] = hi;
        o.first[i] = first;
        o.last[i] = last;
      }
    }
    bridge(o, Math.floor(this.bridgeMs / w) + 1);
    return o;
  }

  /**
   * The per-bucket maxima of one VM's series (-Infinity where empty), as a view into the store:
   * for aggregates over many VMs (the overview), cheaper than a query per VM. Do not write to it.
   */
  bucketMaxima(vm: number, series: ValueSeries): Float32Array {
    const n = this.bucketCount;
    return this.buckets[series].max.subarray(vm * n, (vm + 1) * n);
  }

  /** How many recovery points of a VM fall in [t0, t1] (for a coarse VM: buckets holding any). */
  pointCount(vm: number, t0: number, t1: number): number {
    if (!(vm >= 0 && vm < this.vmCount) || !(t1 >= t0)) return 0;
    if (this.pointsCoarse[vm]) {
      let count = 0;
      this.forEachCoarse(vm, t0, t1, () => count++);
      return count;
    }
    const times = this.pointTimes[vm];
    const count = this.pointCounts[vm];
    return lowerBound(times, count, t1, true) - lowerBound(times, count, t0, false);
  }

  /**
   * Calls `visit(timeMs, kind)` for each recovery point of a VM in [t0, t1], in time order. A
   * coarse VM's points are its buckets' midpoints (an app point wins over a crash one).
   */
  forEachPoint(vm: number, t0: number, t1: number, visit: (timeMs: number, kind: number) => void): void {
    if (!(vm >= 0 && vm < this.vmCount) || !(t1 >= t0)) return;
    if (this.pointsCoarse[vm]) {
      this.forEachCoarse(vm, t0, t1, visit);
      return;
    }
    const times = this.pointTimes[vm];
    const kinds = this.pointKinds[vm];
    const count = this.pointCounts[vm];
    const end = lowerBound(times, count, t1, true);
    for (let i = lowerBound(times, count, t0, false); i < end; i++) visit(times[i], kinds[i]);
  }

  /** Whether a VM's points overflowed `maxPointsPerVm` and are kept per bucket only. */
  isCoarse(vm: number): boolean {
    return this.pointsCoarse[vm] === 1;
  }

  /** Bytes held by the typed arrays (buckets, bitmap and exact points). */
  memoryBytes(): number {
    let bytes = this.pointBits.byteLength + this.pointCounts.byteLength + this.pointsCoarse.byteLength;
    for (const s of VALUE_SERIES) {
      const b = this.buckets[s];
      bytes += b.min.byteLength + b.max.byteLength + b.first.byteLength + b.last.byteLength;
    }
    for (let vm = 0; vm < this.vmCount; vm++) bytes += this.pointTimes[vm].byteLength + this.pointKinds[vm].byteLength;
    return bytes;
  }

  private forEachCoarse(vm: number, t0: number, t1: number, visit: (timeMs: number, kind: number) => void): void {
    const base = vm * this.bucketCount;
    // Buckets whose midpoint lies in [t0, t1].
    const from = Math.max(0, Math.ceil(t0 / this.bucketMs - 0.5));
    const to = Math.min(this.bucketCount - 1, Math.floor(t1 / this.bucketMs - 0.5));
    for (let b = from; b <= to; b++) {
      const bits = this.pointBits[base + b];
      if (bits !== 0) visit((b + 0.5) * this.bucketMs, bits & HAS_APP ? POINT_APP : POINT_CRASH);
    }
  }
}

/** First index whose time is ≥ t (or > t when `after`), among the first `count`. */
function lowerBound(times: Float64Array, count: number, t: number, after: boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after ? times[mid] <= t : times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Fills runs of empty pixels shorter than `maxRun` between two known ones with a straight line. */
function bridge(o: PixelSeries, maxRun: number): void {
  const px = o.min.length;
  let prev = -1;
  for (let i = 0; i < px; i++) {
    if (o.first[i] !== o.first[i]) continue;
    if (prev >= 0 && i - prev > 1 && i - prev <= maxRun) {
      const a = o.last[prev];
      const z = o.first[i];
      for (let j = prev + 1; j < i; j++) {
        const v = a + ((z - a) * (j - prev)) / (i - prev);
        o.min[j] = v;
        o.max[j] = v;
        o.first[j] = v;
        o.last[j] = v;
      }
    }
    prev = i;
  }
}
