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
  private mins: Float64Array;
  private maxs: Float64Array;
  private used = 0;
  /** Sees every recorded value (the session streams them to the app); null: nobody listens. */
  tap: ((tMs: number, value: number) => void) | null = null;

  constructor(
    readonly name: string,
    private readonly maxBuckets = 1024,
    initialBucketMs = 60_000,
  ) {
    this.bucketMs = initialBucketMs;
    this.mins = new Float64Array(maxBuckets).fill(Infinity);
    this.maxs = new Float64Array(maxBuckets).fill(-Infinity);
  }

  get widthMs(): number {
    return this.bucketMs;
  }

  /** Adds a value at `tMs` (times need not be ordered, but must be ≥ 0). */
  record(tMs: number, value: number): void {
    if (this.tap !== null) this.tap(tMs, value);
    let b = Math.floor(tMs / this.bucketMs);
    while (b >= this.maxBuckets) {
      this.coarsen();
      b = Math.floor(tMs / this.bucketMs);
    }
    if (value < this.mins[b]) this.mins[b] = value;
    if (value > this.maxs[b]) this.maxs[b] = value;
    if (b >= this.used) this.used = b + 1;
  }

  /** The non-empty buckets, in time order. */
  buckets(): SeriesBucket[] {
    const out: SeriesBucket[] = [];
    for (let b = 0; b < this.used; b++) {
      if (this.mins[b] === Infinity) continue;
      out.push({ startMs: b * this.bucketMs, endMs: (b + 1) * this.bucketMs, min: this.mins[b], max: this.maxs[b] });
    }
    return out;
  }

  private coarsen(): void {
    const half = this.maxBuckets / 2;
    for (let b = 0; b < half; b++) {
      this.mins[b] = Math.min(this.mins[2 * b], this.mins[2 * b + 1]);
      this.maxs[b] = Math.max(this.maxs[2 * b], this.maxs[2 * b + 1]);
    }
    this.mins.fill(Infinity, half);
    this.maxs.fill(-Infinity, half);
    this.used = Math.ceil(this.used / 2);
    this.bucketMs *= 2;
  }
}
