// A time series kept at bounded memory: values fall into buckets of a fixed width holding
// their min and max; when the buckets run out the width doubles and pairs merge, so a month
// of a hundred VMs stays a few megabytes whatever the number of samples.

export interface SeriesBucket {
  startMs: number;
  endMs: number;
  min: number;
  max: number;
}

export class DownsampledSeries {
  private bucketMs: number;
  /** Bucket b's min at 2b and max at 2b + 1: a record touches one cache line, not two (made at the first record). */
  private minMax = new Float64Array(0);
  private used = 0;
  /** Sees every recorded value (the session streams them to the app); null: nobody listens. */
  tap: ((tMs: number, value: number) => void) | null = null;

  constructor(
    readonly name: string,
    private readonly maxBuckets = 1024,
    initialBucketMs = 60_000,
  ) {
    this.bucketMs = initialBucketMs;
  }

  get widthMs(): number {
    return this.bucketMs;
  }

  /** Adds a value at `tMs` (times need not be ordered, but must be ≥ 0). */
  record(tMs: number, value: number): void {
    if (this.tap !== null) this.tap(tMs, value);
    if (this.minMax.length === 0) {
      this.minMax = new Float64Array(2 * this.maxBuckets);
      this.clear(0);
    }
    let b = Math.floor(tMs / this.bucketMs);
    while (b >= this.maxBuckets) {
      this.coarsen();
      b = Math.floor(tMs / this.bucketMs);
    }
    const mm = this.minMax;
    if (value < mm[2 * b]) mm[2 * b] = value;
    if (value > mm[2 * b + 1]) mm[2 * b + 1] = value;
    if (b >= this.used) this.used = b + 1;
  }

  /** The non-empty buckets, in time order. */
  buckets(): SeriesBucket[] {
    const out: SeriesBucket[] = [];
    const mm = this.minMax;
    for (let b = 0; b < this.used; b++) {
      if (mm[2 * b] === Infinity) continue;
      out.push({ startMs: b * this.bucketMs, endMs: (b + 1) * this.bucketMs, min: mm[2 * b], max: mm[2 * b + 1] });
    }
    return out;
  }

  private coarsen(): void {
    const half = this.maxBuckets / 2;
    const mm = this.minMax;
    for (let b = 0; b < half; b++) {
      // Buckets 2b and 2b + 1 sit at 4b .. 4b + 3.
      mm[2 * b] = Math.min(mm[4 * b], mm[4 * b + 2]);
      mm[2 * b + 1] = Math.max(mm[4 * b + 1], mm[4 * b + 3]);
    }
    this.clear(half);
    this.used = Math.ceil(this.used / 2);
    this.bucketMs *= 2;
  }

  /** Empties the buckets from `from` on. */
  private clear(from: number): void {
    for (let b = from; b < this.maxBuckets; b++) {
      this.minMax[2 * b] = Infinity;
      this.minMax[2 * b + 1] = -Infinity;
    }
  }
}
