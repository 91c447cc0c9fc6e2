// The RPO segments of every VM of a run in one append-only column store, in the order they
// were recorded. A fleet closes a segment per VM every few minutes; appending them to one
// stream writes memory sequentially, where a growing array per VM would touch a cold cache
// line at each append. The segments are grouped by owner once, when a summary asks.

export class SegmentStore {
  private owners = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private lengths = new Float64Array(1024);
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
    this.starts[i] = start;
    this.lengths[i] = length;
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
    for (let i = 0; i < n; i++) {
      const at = next[this.owners[i]]++;
      starts[at] = this.starts[i];
      lengths[at] = this.lengths[i];
    }
    this.grouped = { count: n, offsets, starts, lengths };
    return this.grouped;
  }

  private grow(): void {
    const size = 2 * this.owners.length;
    const owners = new Int32Array(size);
    owners.set(this.owners);
    this.owners = owners;
    const starts = new Float64Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const lengths = new Float64Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}
