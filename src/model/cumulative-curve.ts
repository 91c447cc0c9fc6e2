// A cumulative byte curve (W written, U uploaded, A applied …): piecewise linear in time,
// with exact value and inverse lookups and pruning of the part no longer needed. The last
// segment and the first kept time are mirrored in plain fields: most lookups are "now", and
// they then never touch the breakpoints (a fleet has thousands of curves; they are rarely in
// cache). A breakpoint's time, value and rate sit side by side (one cache line, not three),
// and the pruned part is compacted away early so a curve's memory stays near what it keeps.

export class CumulativeCurve {
  /** Breakpoint i at 3i (time), 3i + 1 (value), 3i + 2 (rate from then on). */
  private data: Float64Array;
  private first = 0;
  private count = 1;
  /** The last breakpoint and the first kept time, mirrored. */
  private lastT: number;
  private lastV: number;
  private lastR: number;
  private firstT: number;

  constructor(startMs = 0, startValue = 0, rate = 0) {
    this.data = new Float64Array(3 * 8);
    this.data[0] = startMs;
    this.data[1] = startValue;
    this.data[2] = rate;
    this.lastT = startMs;
    this.lastV = startValue;
    this.lastR = rate;
    this.firstT = startMs;
  }

  /** The slope now (bytes per ms). */
  get ratePerMs(): number {
    return this.lastR;
  }

  /** The earliest time still known (after pruning). */
  get firstTimeMs(): number {
    return this.firstT;
  }

  get lastChangeMs(): number {
    return this.lastT;
  }

  /** Breakpoints kept in memory. */
  get size(): number {
    return this.count - this.first;
  }

  /** Breakpoints the storage can hold before it grows (for memory tests). */
  get capacity(): number {
    return this.data.length / 3;
  }

  /** Changes the slope from `tMs` on (tMs ≥ the last change). */
  setRate(tMs: number, ratePerMs: number): void {
    const lastT = this.lastT;
    if (tMs < lastT) throw new RangeError(`curve: rate change at ${tMs} ms before the last one at ${lastT} ms`);
    if (this.lastR === ratePerMs) return;
    if (tMs === lastT) {
      this.data[3 * (this.count - 1) + 2] = ratePerMs;
      this.lastR = ratePerMs;
      return;
    }
    const value = this.lastV + this.lastR * (tMs - lastT);
    if (3 * this.count === this.data.length) this.makeRoom();
    const at = 3 * this.count;
    this.data[at] = tMs;
    this.data[at + 1] = value;
    this.data[at + 2] = ratePerMs;
    this.count++;
    this.lastT = tMs;
    this.lastV = value;
    this.lastR = ratePerMs;
  }

  /** Forgets the whole history: from `tMs` on the curve starts again at `value` with `ratePerMs`. */
  restartAt(tMs: number, value: number, ratePerMs = 0): void {
    this.first = 0;
    this.count = 1;
    this.data[0] = tMs;
    this.data[1] = value;
    this.data[2] = ratePerMs;
    this.lastT = tMs;
    this.lastV = value;
    this.lastR = ratePerMs;
    this.firstT = tMs;
  }

  /** Value at `tMs` (extrapolates with the current slope past the last change). */
  valueAt(tMs: number): number {
    if (tMs >= this.lastT) return this.lastV + this.lastR * (tMs - this.lastT);
    const at = 3 * this.segmentAt(tMs);
    const d = this.data;
    return d[at + 1] + d[at + 2] * (tMs - d[at]);
  }

  /**
   * The earliest time at which the curve reaches `value` (W⁻¹), or Infinity if it never does
   * at the current slope. Values at or below the first kept point give that point's time.
   */
  timeAt(value: number): number {
    if (value > this.lastV) return this.lastR > 0 ? this.lastT + (value - this.lastV) / this.lastR : Infinity;
    const d = this.data;
    const first = this.first;
    if (value <= d[3 * first + 1]) return d[3 * first];
    // Last breakpoint whose value is < value: lookups are mostly recent, so gallop back from
    // the end (a few neighbouring entries) before a binary search of the bracket found.
    let hi = this.count - 1;
    let step = 1;
    let lo = hi - 1;
    while (lo > first && d[3 * lo + 1] >= value) {
      hi = lo - 1;
      step *= 2;
      lo = Math.max(first, hi - step);
    }
    if (lo < first) lo = first;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (d[3 * mid + 1] < value) lo = mid;
      else hi = mid - 1;
    }
    const rate = d[3 * lo + 2];
    if (rate <= 0) return Infinity;
    return d[3 * lo] + (value - d[3 * lo + 1]) / rate;
  }

  /** Forgets breakpoints before `tMs` (keeping the segment that contains it). */
  pruneBefore(tMs: number): void {
    if (tMs <= this.firstT) return;
    // Most calls ask for the same moment again (a disk prunes at every rate change, its
    // horizon moves every 15 min): when the first kept segment still holds it, nothing goes.
    const next = this.first + 1;
    if (next === this.count || this.data[3 * next] > tMs) return;
    this.first = this.segmentAt(tMs);
    this.firstT = this.data[3 * this.first];
  }

  /** The last breakpoint at or before `tMs` (the first kept one if none): galloping back from the end, as in `timeAt`. */
  private segmentAt(tMs: number): number {
    const d = this.data;
    const first = this.first;
    let hi = this.count - 1;
    if (tMs >= d[3 * hi]) return hi;
    let step = 1;
    let lo = hi - 1;
    while (lo > first && d[3 * lo] > tMs) {
      hi = lo - 1;
      step *= 2;
      lo = Math.max(first, hi - step);
    }
    if (lo < first) lo = first;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (d[3 * mid] <= tMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The storage is full: when at least half of it is pruned history, the kept part moves to
   * the front (each pruned breakpoint is moved past once, so appends stay O(1) amortised);
   * otherwise it doubles.
   */
  private makeRoom(): void {
    const kept = this.count - this.first;
    if (this.first > 0 && 2 * kept <= this.count) {
      this.data.copyWithin(0, 3 * this.first, 3 * this.count);
      this.first = 0;
      this.count = kept;
      return;
    }
    const bigger = new Float64Array(2 * this.data.length);
    bigger.set(this.data);
    this.data = bigger;
  }
}
