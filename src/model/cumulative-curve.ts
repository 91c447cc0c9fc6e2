// A cumulative byte curve (W written, U uploaded, A applied …): piecewise linear in time,
// with exact value and inverse lookups and pruning of the part no longer needed. The last
// segment and the first kept time are mirrored in plain fields: most lookups are "now", and
// they then never touch the breakpoint arrays (a fleet has thousands of curves; the arrays
// are rarely in cache).

export class CumulativeCurve {
  private times: Float64Array;
  private values: Float64Array;
  private rates: Float64Array;
  private first = 0;
  private count = 1;
  /** times/values/rates[count − 1] and times[first], mirrored. */
  private lastT: number;
  private lastV: number;
  private lastR: number;
  private firstT: number;

  constructor(startMs = 0, startValue = 0, rate = 0) {
    this.times = new Float64Array(16);
    this.values = new Float64Array(16);
    this.rates = new Float64Array(16);
    this.times[0] = startMs;
    this.values[0] = startValue;
    this.rates[0] = rate;
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

  /** Changes the slope from `tMs` on (tMs ≥ the last change). */
  setRate(tMs: number, ratePerMs: number): void {
    const lastT = this.lastT;
    if (tMs < lastT) throw new RangeError(`curve: rate change at ${tMs} ms before the last one at ${lastT} ms`);
    if (this.lastR === ratePerMs) return;
    if (tMs === lastT) {
      this.rates[this.count - 1] = ratePerMs;
      this.lastR = ratePerMs;
      return;
    }
    const value = this.lastV + this.lastR * (tMs - lastT);
    if (this.count === this.times.length) this.grow();
    this.times[this.count] = tMs;
    this.values[this.count] = value;
    this.rates[this.count] = ratePerMs;
    this.count++;
    this.lastT = tMs;
    this.lastV = value;
    this.lastR = ratePerMs;
  }

  /** Forgets the whole history: from `tMs` on the curve starts again at `value` with `ratePerMs`. */
  restartAt(tMs: number, value: number, ratePerMs = 0): void {
    this.first = 0;
    this.count = 1;
    this.times[0] = tMs;
    this.values[0] = value;
    this.rates[0] = ratePerMs;
    this.lastT = tMs;
    this.lastV = value;
    this.lastR = ratePerMs;
    this.firstT = tMs;
  }

  /** Value at `tMs` (extrapolates with the current slope past the last change). */
  valueAt(tMs: number): number {
    if (tMs >= this.lastT) return this.lastV + this.lastR * (tMs - this.lastT);
    const i = this.segmentAt(tMs);
    return this.values[i] + this.rates[i] * (tMs - this.times[i]);
  }

  /**
   * The earliest time at which the curve reaches `value` (W⁻¹), or Infinity if it never does
   * at the current slope. Values at or below the first kept point give that point's time.
   */
  timeAt(value: number): number {
    if (value > this.lastV) return this.lastR > 0 ? this.lastT + (value - this.lastV) / this.lastR : Infinity;
    const first = this.first;
    if (value <= this.values[first]) return this.times[first];
    // Last breakpoint whose value is < value: lookups are mostly recent, so gallop back from
    // the end (a few neighbouring entries) before a binary search of the bracket found.
    const values = this.values;
    let hi = this.count - 1;
    let step = 1;
    let lo = hi - 1;
    while (lo > first && values[lo] >= value) {
      hi = lo - 1;
      step *= 2;
      lo = Math.max(first, hi - step);
    }
    if (lo < first) lo = first;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (values[mid] < value) lo = mid;
      else hi = mid - 1;
    }
    const rate = this.rates[lo];
    if (rate <= 0) return Infinity;
    return this.times[lo] + (value - values[lo]) / rate;
  }

  /** Forgets breakpoints before `tMs` (keeping the segment that contains it). */
  pruneBefore(tMs: number): void {
    if (tMs <= this.firstT) return;
    this.first = this.segmentAt(tMs);
    this.firstT = this.times[this.first];
    if (this.first > 1024 && this.first * 2 > this.count) this.compact();
  }

  /** The last breakpoint at or before `tMs` (the first kept one if none): galloping back from the end, as in `timeAt`. */
  private segmentAt(tMs: number): number {
    const times = this.times;
    const first = this.first;
    let hi = this.count - 1;
    if (tMs >= times[hi]) return hi;
    let step = 1;
    let lo = hi - 1;
    while (lo > first && times[lo] > tMs) {
      hi = lo - 1;
      step *= 2;
      lo = Math.max(first, hi - step);
    }
    if (lo < first) lo = first;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid] <= tMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private compact(): void {
    const n = this.count - this.first;
    this.times.copyWithin(0, this.first, this.count);
    this.values.copyWithin(0, this.first, this.count);
    this.rates.copyWithin(0, this.first, this.count);
    this.first = 0;
    this.count = n;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.times = grow(this.times);
    this.values = grow(this.values);
    this.rates = grow(this.rates);
  }
}
