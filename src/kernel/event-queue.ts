// The pending-event list: a binary min-heap over typed arrays ordered by (time, sequence),
// with O(log n) cancellation through generation-checked handles and slot recycling.

/** What runs when an event fires: a plain function of one argument (no closure needed). */
export type EventCallback = (arg: any) => void;

const SLOT_BITS = 2 ** 24; // handle = generation * SLOT_BITS + slot
const GENERATION_MOD = 2 ** 28; // keeps handles below 2^52
export const MAX_PENDING_EVENTS = SLOT_BITS - 1;

export class EventQueue {
  // Heap, by position: keys kept contiguous so sifting reads no indirection.
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  // Per slot: where it sits in the heap (-1 when free), its generation, what it runs.
  private slotPos: Int32Array;
  private slotGeneration: Uint32Array;
  private slotCallback: (EventCallback | null)[];
  private slotArg: unknown[];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextUnusedSlot = 0;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(capacity);
    this.heapSeq = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotPos = new Int32Array(capacity).fill(-1);
    this.slotGeneration = new Uint32Array(capacity);
    this.slotCallback = new Array(capacity).fill(null);
    this.slotArg = new Array(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Inserts an event; returns a handle for `cancel`. Sequence numbers break ties in insertion order. */
  push(timeMs: number, callback: EventCallback, arg?: unknown): number {
    if (this.count === this.heapTime.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.nextUnusedSlot++;
    this.slotCallback[slot] = callback;
    this.slotArg[slot] = arg;
    const seq = this.nextSeq++;
    this.siftUp(this.count++, timeMs, seq, slot);
    return this.slotGeneration[slot] * SLOT_BITS + slot;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.heapTime[0] : Infinity;
  }

  /** The callback and argument of the event `pop` removed last. */
  poppedCallback: EventCallback | null = null;
  poppedArg: unknown = undefined;

  /**
   * Removes the earliest event, leaving its callback and argument in `poppedCallback` /
   * `poppedArg`, and returns its time (Infinity when empty).
   */
  pop(): number {
    if (this.count === 0) return Infinity;
    const time = this.heapTime[0];
    const slot = this.heapSlot[0];
    this.slotPos[slot] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSeq[last], this.heapSlot[last]);
    this.poppedCallback = this.slotCallback[slot];
    this.poppedArg = this.slotArg[slot];
    this.slotCallback[slot] = null;
    this.slotArg[slot] = undefined;
    this.release(slot);
    return time;
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_BITS;
    const generation = (handle - slot) / SLOT_BITS;
    if (slot >= this.nextUnusedSlot || this.slotGeneration[slot] !== generation) return false;
    const pos = this.slotPos[slot];
    if (pos < 0) return false;
    this.slotPos[slot] = -1;
    const last = --this.count;
    if (pos !== last) {
      const t = this.heapTime[last];
      const s = this.heapSeq[last];
      const sl = this.heapSlot[last];
      if (pos > 0 && this.less(t, s, this.heapTime[(pos - 1) >> 1], this.heapSeq[(pos - 1) >> 1])) {
        this.siftUp(pos, t, s, sl);
      } else {
        this.siftDown(pos, t, s, sl);
      }
    }
    this.release(slot);
    this.slotCallback[slot] = null;
    this.slotArg[slot] = undefined;
    return true;
  }

  /** True if the handle's event is still pending. */
  isPending(handle: number): boolean {
    const slot = handle % SLOT_BITS;
    const generation = (handle - slot) / SLOT_BITS;
    return slot < this.nextUnusedSlot && this.slotGeneration[slot] === generation && this.slotPos[slot] >= 0;
  }

  private release(slot: number): void {
    this.slotGeneration[slot] = (this.slotGeneration[slot] + 1) % GENERATION_MOD;
    this.freeSlots[this.freeCount++] = slot;
  }

  private less(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }

  private siftUp(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const sp = this.slotPos;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && hs[parent] < s)) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      const ps = hl[parent];
      hl[pos] = ps;
      sp[ps] = pos;
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    sp[slot] = pos;
  }

  private siftDown(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const sp = this.slotPos;
    const n = this.count;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = ht[child];
      let cs = hs[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hs[right] < cs)) {
          child = right;
          ct = rt;
          cs = hs[right];
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      ht[pos] = ct;
      hs[pos] = cs;
      const cl = hl[child];
      hl[pos] = cl;
      sp[cl] = pos;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    sp[slot] = pos;
  }

  private grow(): void {
    const capacity = this.heapTime.length * 2;
    if (capacity > SLOT_BITS) throw new RangeError(`more than ${MAX_PENDING_EVENTS} pending events`);
    const resizeF = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const resizeI = (a: Int32Array, fill: number) => {
      const b = new Int32Array(capacity).fill(fill);
      b.set(a);
      return b;
    };
    this.heapTime = resizeF(this.heapTime);
    this.heapSeq = resizeF(this.heapSeq);
    this.heapSlot = resizeI(this.heapSlot, 0);
    this.slotPos = resizeI(this.slotPos, -1);
    const gen = new Uint32Array(capacity);
    gen.set(this.slotGeneration);
    this.slotGeneration = gen;
    this.freeSlots = resizeI(this.freeSlots, 0);
    this.slotCallback.length = capacity;
    this.slotCallback.fill(null, capacity / 2);
    this.slotArg.length = capacity;
  }
}
