// The pending-event list: two binary min-heaps over typed arrays ordered by (time, sequence),
// with O(log n) cancellation through generation-checked handles and slot recycling. Events
// due within NEAR_MS of the moment they are scheduled go to a small "near" heap, the rest to
// a "far" one; a pop takes the smaller of the two tops, so the order is exactly that of a
// single heap. A run's hot events (a transfer's end, a recomputation: due within
// milliseconds) then sift through a heap of a dozen, not through the thousand churn steps
// and deadlines pending minutes or hours ahead.

/** What runs when an event fires: a plain function of one argument (no closure needed). */
export type EventCallback = (arg: any) => void;

const SLOT_BITS = 2 ** 24; // handle = generation * SLOT_BITS + slot
const GENERATION_MOD = 2 ** 28; // keeps handles below 2^52
export const MAX_PENDING_EVENTS = SLOT_BITS - 1;
/** How soon an event must be due (from when it is scheduled) to go to the near heap. */
export const NEAR_MS = 1_000;

/** One binary heap of (time, sequence, slot), keys contiguous so sifting reads no indirection. */
class HeapLane {
  time: Float64Array;
  seq: Float64Array;
  slot: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
  }

  /** Makes room for one more entry. */
  reserve(): void {
    if (this.count < this.time.length) return;
    const capacity = this.time.length * 2;
    const time = new Float64Array(capacity);
    time.set(this.time);
    const seq = new Float64Array(capacity);
    seq.set(this.seq);
    const slot = new Int32Array(capacity);
    slot.set(this.slot);
    this.time = time;
    this.seq = seq;
    this.slot = slot;
  }

  /** Removes the entry at `pos` (a slot's position), keeping heap order. */
  removeAt(pos: number, slotPos: Int32Array): void {
    const last = --this.count;
    if (pos === last) return;
    const t = this.time[last];
    const s = this.seq[last];
    const sl = this.slot[last];
    const parent = (pos - 1) >> 1;
    if (pos > 0 && (t < this.time[parent] || (t === this.time[parent] && s < this.seq[parent]))) {
      this.siftUp(pos, t, s, sl, slotPos);
    } else {
      this.siftDown(pos, t, s, sl, slotPos);
    }
  }

  siftUp(pos: number, t: number, s: number, slot: number, slotPos: Int32Array): void {
    const ht = this.time;
    const hs = this.seq;
    const hl = this.slot;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && hs[parent] < s)) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      const ps = hl[parent];
      hl[pos] = ps;
      slotPos[ps] = pos;
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    slotPos[slot] = pos;
  }

  siftDown(pos: number, t: number, s: number, slot: number, slotPos: Int32Array): void {
    const ht = this.time;
    const hs = this.seq;
    const hl = this.slot;
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
      slotPos[cl] = pos;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    slotPos[slot] = pos;
  }
}

export class EventQueue {
  private readonly near: HeapLane;
  private readonly far: HeapLane;
  // Per slot: where it sits in its heap (-1 when free), which heap, its generation, what it runs.
  private slotPos: Int32Array;
  private slotFar: Uint8Array;
  private slotGeneration: Uint32Array;
  private slotCallback: (EventCallback | null)[];
  private slotArg: unknown[];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextUnusedSlot = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.near = new HeapLane(64);
    this.far = new HeapLane(capacity);
    this.slotPos = new Int32Array(capacity).fill(-1);
    this.slotFar = new Uint8Array(capacity);
    this.slotGeneration = new Uint32Array(capacity);
    this.slotCallback = new Array(capacity).fill(null);
    this.slotArg = new Array(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
  }

  get size(): number {
    return this.near.count + this.far.count;
  }

  /**
   * Inserts an event due at `timeMs`, scheduled at `nowMs` (which heap it goes to, nothing
   * else); returns a handle for `cancel`. Sequence numbers break ties in insertion order.
   */
  push(timeMs: number, callback: EventCallback, arg: unknown, nowMs: number): number {
    if (this.freeCount === 0 && this.nextUnusedSlot === this.slotPos.length) this.growSlots();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.nextUnusedSlot++;
    this.slotCallback[slot] = callback;
    this.slotArg[slot] = arg;
    const seq = this.nextSeq++;
    const isFar = timeMs - nowMs > NEAR_MS;
    const lane = isFar ? this.far : this.near;
    this.slotFar[slot] = isFar ? 1 : 0;
    lane.reserve();
    lane.siftUp(lane.count++, timeMs, seq, slot, this.slotPos);
    return this.slotGeneration[slot] * SLOT_BITS + slot;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    const near = this.near.count > 0 ? this.near.time[0] : Infinity;
    const far = this.far.count > 0 ? this.far.time[0] : Infinity;
    return near < far ? near : far;
  }

  /** The callback and argument of the event `pop` removed last. */
  poppedCallback: EventCallback | null = null;
  poppedArg: unknown = undefined;

  /**
   * Removes the earliest event, leaving its callback and argument in `poppedCallback` /
   * `poppedArg`, and returns its time (Infinity when empty).
   */
  pop(): number {
    const near = this.near;
    const far = this.far;
    let lane: HeapLane;
    if (far.count === 0) {
      if (near.count === 0) return Infinity;
      lane = near;
    } else if (near.count === 0) lane = far;
    else {
      const nt = near.time[0];
      const ft = far.time[0];
      lane = nt < ft || (nt === ft && near.seq[0] < far.seq[0]) ? near : far;
    }
    const time = lane.time[0];
    const slot = lane.slot[0];
    this.slotPos[slot] = -1;
    const last = --lane.count;
    if (last > 0) lane.siftDown(0, lane.time[last], lane.seq[last], lane.slot[last], this.slotPos);
    this.poppedCallback = this.slotCallback[slot];
    this.poppedArg = this.slotArg[slot];
    this.slotCallback[slot] = null;
    this.slotArg[slot] = undefined;
    this.release(slot);
    return time;
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const generation = Math.floor(handle / SLOT_BITS); // exact (a power of two), where `%` of a double is a call
    const slot = handle - generation * SLOT_BITS;
    if (slot >= this.nextUnusedSlot || this.slotGeneration[slot] !== generation) return false;
    const pos = this.slotPos[slot];
    if (pos < 0) return false;
    this.slotPos[slot] = -1;
    (this.slotFar[slot] === 1 ? this.far : this.near).removeAt(pos, this.slotPos);
    this.release(slot);
    this.slotCallback[slot] = null;
    this.slotArg[slot] = undefined;
    return true;
  }

  /** True if the handle's event is still pending. */
  isPending(handle: number): boolean {
    const generation = Math.floor(handle / SLOT_BITS);
    const slot = handle - generation * SLOT_BITS;
    return slot < this.nextUnusedSlot && this.slotGeneration[slot] === generation && this.slotPos[slot] >= 0;
  }

  private release(slot: number): void {
    this.slotGeneration[slot] = (this.slotGeneration[slot] + 1) % GENERATION_MOD;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growSlots(): void {
    const capacity = this.slotPos.length * 2;
    if (capacity > SLOT_BITS) throw new RangeError(`more than ${MAX_PENDING_EVENTS} pending events`);
    const pos = new Int32Array(capacity).fill(-1);
    pos.set(this.slotPos);
    this.slotPos = pos;
    const far = new Uint8Array(capacity);
    far.set(this.slotFar);
    this.slotFar = far;
    const gen = new Uint32Array(capacity);
    gen.set(this.slotGeneration);
    this.slotGeneration = gen;
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.freeSlots = free;
    this.slotCallback.length = capacity;
    this.slotCallback.fill(null, capacity / 2);
    this.slotArg.length = capacity;
  }
}
