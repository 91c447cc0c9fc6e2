// The points a recovery-point scope has cut and is waiting on, oldest first: a ring in one
// typed array, each point its cut time, whether it is app-consistent, and W(T) of each disk
// side by side. A fleet checks every scope's oldest point at each 5-minute cut and again
// when it becomes available; read from one small array next to the scope, that is one
// cold cache line, where a queue of point objects each holding an array was four or five.

import { LONG_BACKLOG } from './fifo';
import type { Consistency } from './recovery-points';

const INITIAL_CAPACITY = 2;

export class PendingPoints {
  /** Point k of the ring at `k * stride`: time, 1 if app-consistent, then one target per disk. */
  private data: Float64Array;
  private readonly stride: number;
  /** Capacity in points, a power of two (a place in the ring is an index masked). */
  private capacity = INITIAL_CAPACITY;
  private head = 0;
  private count = 0;

  constructor(private readonly diskCount: number) {
    this.stride = 2 + diskCount;
    this.data = new Float64Array(INITIAL_CAPACITY * this.stride);
  }

  get size(): number {
    return this.count;
  }

  /** The oldest point's cut time (only while size > 0). */
  get firstTimeMs(): number {
    return this.data[this.head * this.stride];
  }

  get firstConsistency(): Consistency {
    return this.data[this.head * this.stride + 1] === 1 ? 'app' : 'crash';
  }

  /** The oldest point's W(T) of disk `i`. */
  firstTarget(i: number): number {
    return this.data[this.head * this.stride + 2 + i];
  }

  /** The newest point's cut time (only while size > 0). */
  get lastTimeMs(): number {
    return this.data[this.lastAt()];
  }

  get lastConsistency(): Consistency {
    return this.data[this.lastAt() + 1] === 1 ? 'app' : 'crash';
  }

  /** Makes the newest point app-consistent (an app cut due at its time). */
  markLastApp(): void {
    this.data[this.lastAt() + 1] = 1;
  }

  /** Adds a point at the new end, its targets 0 until `setLastTarget` gives them. */
  push(timeMs: number, consistency: Consistency): void {
    if (this.count === this.capacity) this.grow();
    const at = ((this.head + this.count) & (this.capacity - 1)) * this.stride;
    this.data[at] = timeMs;
    this.data[at + 1] = consistency === 'app' ? 1 : 0;
    for (let i = 0; i < this.diskCount; i++) this.data[at + 2 + i] = 0;
    this.count++;
  }

  /** Sets the newest point's W(T) of disk `i`. */
  setLastTarget(i: number, bytes: number): void {
    this.data[this.lastAt() + 2 + i] = bytes;
  }

  /** Drops the oldest point (nothing when empty). */
  shift(): void {
    if (this.count === 0) return;
    this.count--;
    if (this.count === 0) this.clear();
    else this.head = (this.head + 1) & (this.capacity - 1);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    if (this.capacity > LONG_BACKLOG) {
      this.capacity = INITIAL_CAPACITY;
      this.data = new Float64Array(INITIAL_CAPACITY * this.stride);
    }
  }

  /** Storage in points (for memory tests). */
  get capacityPoints(): number {
    return this.capacity;
  }

  private lastAt(): number {
    return ((this.head + this.count - 1) & (this.capacity - 1)) * this.stride;
  }

  /** Doubles the ring, the points moved to its front in order. */
  private grow(): void {
    const stride = this.stride;
    const bigger = new Float64Array(2 * this.capacity * stride);
    for (let k = 0; k < this.count; k++) {
      const from = ((this.head + k) & (this.capacity - 1)) * stride;
      bigger.set(this.data.subarray(from, from + stride), k * stride);
    }
    this.data = bigger;
    this.capacity *= 2;
    this.head = 0;
  }
}
