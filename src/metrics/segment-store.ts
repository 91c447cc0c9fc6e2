// The RPO segments of every VM of a run in one append-only column store, in the order they
// were recorded. A fleet closes a segment per VM every few minutes; appending them to one
// stream writes memory sequentially, where a growing array per VM would touch a cold cache
// line at each append. The segments are grouped by owner once, when a summary asks.
// Starts and lengths are whole milliseconds below 2^32 (49 days) in practice, so they are
// kept as 32-bit integers, 12 bytes a segment; the first value that is not such an integer
// widens the store to doubles for the rest of the run.

export class SegmentStore {
  private owners = new Int32Array(1024);
  /** The columns while every value fits 32 bits (`wide…` null), else the double ones. */
  private narrowStarts: Uint32Array | null = new Uint32Array(1024);
  private narrowLengths: Uint32Array | null = new Uint32Array(1024);
  private wideStarts: Float64Array | null = null;
  private wideLengths: Float64Array | null = null;
  private count = 0;
  private ownerCount = 0;
  /** The segments grouped by owner (owner k's from offsets[k] to offsets[k + 1]), for `count` segments. */
  private grouped: { count: number; offsets: Int32Array; starts: Float64Array; lengths: Float64Array } | null = null;

  /** A new owner's index. */
  register(): number {
    this.grouped = null;
    return this.ownerCount++;
  }

  /** Appends one segment: RPO rising from `start` over `length` ms. */
  append(owner: number, start: number, length: number): void {
    const i = this.count;
    if (i === this.owners.length) this.grow();
    this.owners[i] = owner;
    const starts = this.narrowStarts;
    if (starts !== null) {
      // `x >>> 0 === x`: a whole number in [0, 2^32).
      if (start >>> 0 === start && length >>> 0 === length) {
        starts[i] = start;
        this.narrowLengths![i] = length;
        this.count = i + 1;
        return;
      }
      this.widen();
    }
    this.wideStarts![i] = start;
    this.wideLengths![i] = length;
    this.count = i + 1;
  }

  /** The segments of `owner` in the order recorded (views valid until the next append). */
  segmentsOf(owner: number): { starts: Float64Array; lengths: Float64Array } {
    const g = this.group();
    const from = g.offsets[owner];
    const to = g.offsets[owner + 1];
    return { starts: g.starts.subarray(from, to), lengths: g.lengths.subarray(from, to) };
  }

  /** Groups the segments by owner (a counting sort, stable), unless already grouped. */
  private group() {
    if (this.grouped && this.grouped.count === this.count) return this.grouped;
    const n = this.count;
    const offsets = new Int32Array(this.ownerCount + 1);
    for (let i = 0; i < n; i++) offsets[this.owners[i] + 1]++;
    for (let k = 0; k < this.ownerCount; k++) offsets[k + 1] += offsets[k];
    const next = offsets.slice(0, this.ownerCount);
    const starts = new Float64Array(n);
    const lengths = new Float64Array(n);
    const fromStarts = this.narrowStarts ?? this.wideStarts!;
    const fromLengths = this.narrowLengths ?? this.wideLengths!;
    for (let i = 0; i < n; i++) {
      const at = next[this.owners[i]]++;
      starts[at] = fromStarts[i];
      lengths[at] = fromLengths[i];
    }
    this.grouped = { count: n, offsets, starts, lengths };
    return this.grouped;
  }

  /** From now on starts and lengths are kept as doubles (the integers so far copied over). */
  private widen(): void {
    this.wideStarts = Float64Array.from(this.narrowStarts!);
    this.wideLengths = Float64Array.from(this.narrowLengths!);
    this.narrowStarts = null;
    this.narrowLengths = null;
  }

  private grow(): void {
    const size = 2 * this.owners.length;
    const owners = new Int32Array(size);
    owners.set(this.owners);
    this.owners = owners;
    if (this.narrowStarts !== null) {
      this.narrowStarts = grown(this.narrowStarts, new Uint32Array(size));
      this.narrowLengths = grown(this.narrowLengths!, new Uint32Array(size));
    } else {
      this.wideStarts = grown(this.wideStarts!, new Float64Array(size));
      this.wideLengths = grown(this.wideLengths!, new Float64Array(size));
    }
  }
}

/** `to` (the larger) holding `from` at its front. */
function grown<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
