// The replication cycles of one Hyper-V VM within the monitoring interval (model.md § 3
// health: more than 20% of them missed is a warning): a ring of cycle times with their
// outcomes, expired from the oldest end, with the count of missed ones kept as it goes.

export class CycleWindow {
  /** Capacity a power of two, so a place in the ring is an index masked. */
  private times = new Float64Array(64);
  private missedFlags = new Uint8Array(64);
  private head = 0;
  private size = 0;
  /** Missed cycles among those in the window. */
  missed = 0;

  /** Cycles in the window. */
  get count(): number {
    return this.size;
  }

  /** Adds a cycle at `timeMs` (not earlier than the last one). */
  push(timeMs: number, missed: boolean): void {
    if (this.size === this.times.length) this.grow();
    const at = (this.head + this.size) & (this.times.length - 1);
    this.times[at] = timeMs;
    this.missedFlags[at] = missed ? 1 : 0;
    this.size++;
    if (missed) this.missed++;
  }

  /** Drops the cycles at or before `fromMs`. */
  expire(fromMs: number): void {
    const mask = this.times.length - 1;
    while (this.size > 0 && this.times[this.head] <= fromMs) {
      this.missed -= this.missedFlags[this.head];
      this.head = (this.head + 1) & mask;
      this.size--;
    }
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.missed = 0;
  }

  private grow(): void {
    const capacity = this.times.length;
    const times = new Float64Array(2 * capacity);
    const flags = new Uint8Array(2 * capacity);
    for (let i = 0; i < this.size; i++) {
      times[i] = this.times[(this.head + i) % capacity];
      flags[i] = this.missedFlags[(this.head + i) % capacity];
    }
    this.times = times;
    this.missedFlags = flags;
    this.head = 0;
  }
}
