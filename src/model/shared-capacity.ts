// A capacity shared max-min fairly by flows (a link direction, a cache account, a VM's upload
// limit, a host's apply rate). While it is not saturated, a flow whose new demand still fits
// is granted it at once (O(1), no water-fill). Otherwise changes in one instant are batched:
// members mark it dirty and a single recomputation runs after every event already queued for
// that instant; when the water level cannot move, only the changed flows are regranted.
// Transfers of unlimited demand share as a processor-sharing group tracked in virtual time,
// so one of them finishing costs O(log n), not a regrant of every other; with no capped flow
// beside them, members joining or leaving re-share at once (capacity / members), unbatched,
// and a member's last byte leaving needs no event of its own: the group settles those
// moments when it is next looked at, and wakes only when a member arrives (latency after).
import type { Simulator } from '../kernel';
import { LONG_BACKLOG, moveToFront } from './fifo';
import { waterFill } from './fair-share';

/** A consumer of a shared capacity. Rates in bytes per second. */
export interface CapacityFlow {
  /** What the flow would take now if the capacity were unlimited (may be Infinity). */
  demandBytesPerS(): number;
  /** The rate the capacity grants it, from now on. */
  grant(rateBytesPerS: number): void;
  /** Its place in the capacity it belongs to (set by that capacity; -1 while in none): a flow is in one at a time. */
  capacitySlot: number;
}

/** A transfer in the processor-sharing group: it only hears when it has arrived (its latency after its last byte left). */
export interface GreedyMember {
  greedyArrived(): void;
}

const SHARING = 0;
const TRAVELING = 1;
const GONE = 2;
/** Delivered: the group holds it no more, so it may be reused. */
const ARRIVED = 3;

/**
 * A member's place in the group: its last byte leaves when the group's virtual service
 * reaches `threshold` (SHARING), then it travels until `arrivalMs` (TRAVELING).
 */
export interface GreedyTicket {
  threshold: number;
  readonly member: GreedyMember;
  readonly latencyMs: number;
  arrivalMs: number;
  state: typeof SHARING | typeof TRAVELING | typeof GONE | typeof ARRIVED;
}

/** Bytes of float noise below which a greedy transfer counts as finished. */
const DONE_BYTES = 1e-3;

export class SharedCapacity {
  private readonly flows: CapacityFlow[] = [];
  private demands = new Float64Array(8);
  private rates = new Float64Array(8);
  private order = new Int32Array(8);
  /** The flows whose demand may have changed this instant, each once (`dirtyMark` by index). */
  private readonly dirtyFlows: CapacityFlow[] = [];
  private dirtyMark = new Uint8Array(8);
  /** Scratch for incremental regrants: the new demands, and the flows being granted them. */
  private fresh = new Float64Array(8);
  private readonly granted: CapacityFlow[] = [];
  private fullRecompute = true;
  private scheduled = false;
  /** Grants are being handed out: a demand changing meanwhile waits for the batch. */
  private granting = false;
  /** Water-fills run so far (for tests and benchmarks). */
  waterFills = 0;
  private capacity: number;
  /** The share of every capped flow and of each greedy member (Infinity while nobody is capped). */
  private level = Infinity;
  // The processor-sharing group: a min-heap of tickets by threshold, the virtual service each
  // member has received since `virtualSinceMs` (bytes), the members travelling (by arrival,
  // in `traveling[travelingHead..travelingEnd)`), and the one pending wake-up. The travelling
  // list is reused in place, never shortened: it is usually one member long, emptied and
  // refilled at every arrival.
  private readonly tickets: GreedyTicket[] = [];
  private greedyCount = 0;
  private virtualBytes = 0;
  private virtualSinceMs: number;
  private readonly traveling: GreedyTicket[] = [];
  private travelingHead = 0;
  private travelingEnd = 0;
  /** The smallest latency of any member so far: no arrival comes sooner after a last byte. */
  private minLatencyMs = Infinity;
  private wakeEvent = -1;
  private wakeAt = Infinity;
  /**
   * `nextLastByteMs()` as last worked out, while `nextLastByteKnown`: a pure function of the
   * heap's top, the share and the virtual clock, so it is cleared where those change (a push
   * or pop of the heap, a member leaving, a new level, the clock moved); most looks at the
   * group change none of them.
   */
  private nextLastByte = Infinity;
  private nextLastByteKnown = false;
  /** Inside `joinTogether`, and whether a re-share is owed at its end. */
  private joiningMany = false;
  private reshareOwed = false;
  /** Sum of the granted rates, bytes/s (greedy members included). */
  grantedBytesPerS = 0;
  /** Sum of the demands, bytes/s (above the capacity ⇒ saturated; Infinity with greedy members). */
  demandedBytesPerS = 0;
  /**
   * Bytes granted but not taken: a flow that finishes or empties between two integer
   * milliseconds keeps its grant until the next one; it hands the difference back here so
   * statistics built on the granted rate stay exact.
   */
  unusedGrantBytes = 0;
  /** Called after each recomputation (statistics listen here); `before` is the granted total until now. */
  onRecompute: ((nowMs: number, grantedBeforeBytesPerS: number) => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    capacityBytesPerS: number,
    readonly name = '',
  ) {
    this.capacity = capacityBytesPerS;
    this.virtualSinceMs = sim.now;
  }

  get capacityBytesPerS(): number {
    return this.capacity;
  }

  set capacityBytesPerS(value: number) {
    if (value === this.capacity) return;
    this.settleGroup();
    this.capacity = value;
    this.fullRecompute = true;
    this.schedule();
  }

  get flowCount(): number {
    this.settleGroup();
    return this.flows.length + this.greedyCount;
  }

  /** The rate each greedy member gets now, bytes/s. */
  get greedyRateBytesPerS(): number {
    this.settleGroup();
    return this.shareNow();
  }

  /** The greedy share as last set (the group settled up to `virtualSinceMs`). */
  private shareNow(): number {
    return this.greedyCount > 0 && this.level !== Infinity ? this.level : 0;
  }

  /** Whether `flow` is one of this capacity's. */
  private holds(flow: CapacityFlow): boolean {
    const i = flow.capacitySlot;
    return i >= 0 && i < this.flows.length && this.flows[i] === flow;
  }

  add(flow: CapacityFlow): void {
    if (this.holds(flow)) return;
    if (flow.capacitySlot >= 0) throw new Error(`${this.name}: the flow is already in another capacity (remove it there first)`);
    this.settleGroup();
    const i = this.flows.length;
    this.ensureSize(i + 1);
    this.flows.push(flow);
    flow.capacitySlot = i;
    this.demands[i] = 0;
    this.rates[i] = 0;
    this.dirtyMark[i] = 0;
    this.markDirty(flow);
  }

  remove(flow: CapacityFlow): void {
    if (!this.holds(flow)) return;
    const i = flow.capacitySlot;
    this.settleGroup();
    // Unsaturated, or a flow that took no bandwidth: the others keep their rates.
    if (this.level === Infinity || this.demands[i] === 0) {
      const before = this.grantedBytesPerS;
      this.demandedBytesPerS -= this.demands[i];
      this.grantedBytesPerS -= this.rates[i];
      if (this.rates[i] !== 0) this.onRecompute?.(this.sim.now, before);
    } else {
      this.fullRecompute = true;
      this.schedule();
    }
    const last = this.flows.length - 1;
    const moved = this.flows[last];
    this.flows[i] = moved;
    this.demands[i] = this.demands[last];
    this.rates[i] = this.rates[last];
    this.dirtyMark[i] = this.dirtyMark[last];
    this.dirtyMark[last] = 0;
    moved.capacitySlot = i;
    this.flows.pop();
    flow.capacitySlot = -1;
    let kept = 0;
    for (const f of this.dirtyFlows) if (f !== flow) this.dirtyFlows[kept++] = f;
    this.dirtyFlows.length = kept;
  }

  /**
   * Joins the processor-sharing group with `bytes` to send; it arrives `latencyMs` after its
   * last byte leaves. Keep the ticket to leave or ask. `reuse`: a ticket of the same member
   * that has arrived (the group holds it no more), filled in again instead of a new one.
   */
  addGreedy(member: GreedyMember, bytes: number, latencyMs = 0, reuse: GreedyTicket | null = null): GreedyTicket {
    this.settleGroup();
    this.advanceVirtual();
    let ticket: GreedyTicket;
    if (reuse !== null && reuse.member === member && reuse.latencyMs === latencyMs && reuse.state === ARRIVED) {
      ticket = reuse;
      ticket.threshold = this.virtualBytes + bytes;
      ticket.arrivalMs = Infinity;
      ticket.state = SHARING;
    } else ticket = { threshold: this.virtualBytes + bytes, member, latencyMs, arrivalMs: Infinity, state: SHARING };
    if (latencyMs < this.minLatencyMs) this.minLatencyMs = latencyMs;
    this.pushTicket(ticket);
    this.greedyCount++;
    this.greedyChanged();
    return ticket;
  }

  /** True while the member still has bytes to send (not yet travelling or gone). */
  greedySharing(ticket: GreedyTicket): boolean {
    this.settleGroup();
    return ticket.state === SHARING;
  }

  /**
   * Leaves the group early (pause, cancel) and returns the bytes it still had to send; a
   * member already travelling is dropped and will not arrive.
   */
  removeGreedy(ticket: GreedyTicket): number {
    this.settleGroup();
    if (ticket.state !== SHARING) {
      ticket.state = GONE;
      return 0;
    }
    this.advanceVirtual();
    ticket.state = GONE;
    this.greedyCount--;
    this.nextLastByteKnown = false;
    this.greedyChanged();
    return Math.max(0, ticket.threshold - this.virtualBytes);
  }

  /**
   * The group grew or shrank. With no capped flows the share is simply capacity / members:
   * set it now (O(1), no batched recomputation, the same outcome). Otherwise water-fill at
   * the end of the instant.
   */
  private greedyChanged(): void {
    if (this.flows.length > 0 || this.granting) {
      this.fullRecompute = true;
      this.schedule();
      return;
    }
    if (this.joiningMany) {
      this.reshareOwed = true;
      return;
    }
    this.reshare(this.sim.now);
    this.scheduleWake();
  }

  /**
   * Runs `joins`, in which many members join or leave at this instant (a Hyper-V cycle
   * closes every VM's log at once), and re-shares once at its end rather than after each:
   * within one instant no byte moves, so the outcome is the same.
   */
  joinTogether(joins: () => void): void {
    if (this.joiningMany) {
      joins();
      return;
    }
    this.joiningMany = true;
    try {
      joins();
    } finally {
      this.joiningMany = false;
      if (this.reshareOwed) {
        this.reshareOwed = false;
        this.greedyChanged();
      }
    }
  }

  /** Pure greedy group: each member gets capacity / members from `atMs` (now, or a settled past moment). */
  private reshare(atMs: number): void {
    const before = this.grantedBytesPerS;
    const capacity = Math.max(0, this.capacity);
    this.level = this.greedyCount > 0 ? capacity / this.greedyCount : Infinity;
    this.nextLastByteKnown = false;
    this.demandedBytesPerS = this.greedyCount > 0 ? Infinity : 0;
    this.grantedBytesPerS = this.greedyCount > 0 ? capacity : 0;
    this.onRecompute?.(atMs, before);
  }

  /**
   * Brings the statistics fields (`grantedBytesPerS`, `demandedBytesPerS`, `unusedGrantBytes`)
   * up to now: call before reading them from outside a recomputation listener.
   */
  settle(): void {
    this.settleGroup();
  }

  /** A member took `bytes` less than it was granted (see `unusedGrantBytes`). */
  returnUnused(bytes: number): void {
    if (bytes > 0) this.unusedGrantBytes += bytes;
  }

  /** Bytes a greedy member still has to send, now. */
  greedyRemaining(ticket: GreedyTicket): number {
    this.settleGroup();
    if (ticket.state !== SHARING) return 0;
    const v = this.virtualBytes + (this.shareNow() * (this.sim.now - this.virtualSinceMs)) / 1000;
    return Math.max(0, ticket.threshold - v);
  }

  /** A member's demand may have changed: regrant at the end of this instant. */
  markDirty(flow?: CapacityFlow): void {
    this.settleGroup();
    if (flow) {
      if (!this.holds(flow)) return;
      const i = flow.capacitySlot;
      if (this.dirtyMark[i] === 1) return;
      if (this.regrantNow(flow, i)) return;
      this.dirtyMark[i] = 1;
      this.dirtyFlows.push(flow);
    } else this.fullRecompute = true;
    this.schedule();
  }

  /**
   * Unsaturated, nothing pending and the flow's new demand still fits: grant it now. The
   * outcome is the one the batched recomputation would reach (every demand is met).
   */
  private regrantNow(flow: CapacityFlow, i: number): boolean {
    if (this.scheduled || this.granting || this.fullRecompute || this.level !== Infinity || this.greedyCount > 0) return false;
    const d = Math.max(0, flow.demandBytesPerS());
    const delta = d - this.demands[i];
    if (!(this.demandedBytesPerS + delta <= this.capacity)) return false;
    const before = this.grantedBytesPerS;
    this.demands[i] = d;
    this.rates[i] = d;
    this.demandedBytesPerS += delta;
    this.grantedBytesPerS += delta;
    this.granting = true;
    flow.grant(d);
    this.granting = false;
    this.onRecompute?.(this.sim.now, before);
    return true;
  }

  private clearDirty(): void {
    for (const flow of this.dirtyFlows) this.dirtyMark[flow.capacitySlot] = 0;
    this.dirtyFlows.length = 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.sim.after(0, SharedCapacity.recomputeEvent, this);
  }

  private static recomputeEvent(this: void, self: SharedCapacity): void {
    self.scheduled = false;
    self.recompute();
  }

  /** Recomputes the fair shares now and grants the changes (a parent may call it directly). */
  recompute(): void {
    this.settleGroup();
    const before = this.grantedBytesPerS;
    if (!this.fullRecompute && this.tryIncremental()) {
      this.onRecompute?.(this.sim.now, before);
      return;
    }
    this.advanceVirtual();
    this.fullRecompute = false;
    this.clearDirty();
    const n = this.flows.length;
    const demands = this.demands.subarray(0, n);
    let demanded = 0;
    for (let i = 0; i < n; i++) {
      const d = this.flows[i].demandBytesPerS();
      demands[i] = d > 0 ? d : 0;
      demanded += demands[i];
    }
    const capacity = Math.max(0, this.capacity);
    const rates = this.rates;
    this.level = waterFill(capacity, demands, rates, this.order, this.greedyCount);
    this.nextLastByteKnown = false;
    this.demandedBytesPerS = this.greedyCount > 0 ? Infinity : demanded;
    let granted = this.greedyCount * this.shareNow();
    for (let i = 0; i < n; i++) granted += rates[i];
    this.grantedBytesPerS = granted;
    this.waterFills++;
    this.granting = true;
    for (let i = 0; i < n; i++) this.flows[i].grant(rates[i]);
    this.granting = false;
    this.scheduleWake();
    this.onRecompute?.(this.sim.now, before);
  }

  /**
   * Handles a few changed demands without a full water-fill when the outcome is certain.
   * The dirty list is cleared before any grant goes out, so a demand that changes while the
   * grants are handed out is batched again rather than lost.
   */
  private tryIncremental(): boolean {
    const dirty = this.dirtyFlows;
    const m = dirty.length;
    if (this.fresh.length < m) this.fresh = new Float64Array(Math.max(m, 2 * this.fresh.length));
    const fresh = this.fresh;
    let delta = 0;
    for (let k = 0; k < m; k++) {
      if (!this.holds(dirty[k])) return false;
      const i = dirty[k].capacitySlot;
      const d = Math.max(0, dirty[k].demandBytesPerS());
      fresh[k] = d;
      if (d !== this.demands[i]) delta += d - this.demands[i];
    }
    if (this.level === Infinity) {
      if (!Number.isFinite(delta) || !(this.demandedBytesPerS + delta <= this.capacity)) return false;
      for (let k = 0; k < m; k++) {
        const i = dirty[k].capacitySlot;
        this.demands[i] = fresh[k];
        this.rates[i] = fresh[k];
      }
      this.demandedBytesPerS += delta;
      this.grantedBytesPerS += delta;
      const granted = this.granted;
      for (let k = 0; k < m; k++) granted.push(dirty[k]);
      this.clearDirty();
      this.granting = true;
      for (let k = 0; k < m; k++) granted[k].grant(fresh[k]);
      this.granting = false;
      granted.length = 0;
      return true;
    }
    // Saturated: nothing moves if every changed flow was capped and stays capped.
    for (let k = 0; k < m; k++) {
      const i = dirty[k].capacitySlot;
      if (this.demands[i] < this.level || fresh[k] < this.level) return false;
    }
    for (let k = 0; k < m; k++) this.demands[dirty[k].capacitySlot] = fresh[k];
    if (this.greedyCount === 0) {
      const total = this.demandedBytesPerS + delta;
      // Unlimited demands coming and going can make the running total NaN: sum afresh then.
      this.demandedBytesPerS = Number.isNaN(total) ? this.sumDemands() : total;
    }
    this.clearDirty();
    return true;
  }

  private sumDemands(): number {
    let total = 0;
    for (let i = 0; i < this.flows.length; i++) total += this.demands[i];
    return total;
  }

  /** Brings the group's virtual service up to now at the current greedy rate. */
  private advanceVirtual(): void {
    const now = this.sim.now;
    if (now === this.virtualSinceMs) return; // no time has passed: nothing moved
    this.virtualBytes += (this.shareNow() * (now - this.virtualSinceMs)) / 1000;
    this.virtualSinceMs = now;
    this.nextLastByteKnown = false;
  }

  /**
   * The first integer millisecond at which the heap's top member has sent its last byte at
   * the current share (Infinity if none or no share). Time is counted from `virtualSinceMs`.
   */
  private nextLastByteMs(): number {
    if (this.nextLastByteKnown) return this.nextLastByte;
    this.dropDeadTickets();
    const rate = this.shareNow();
    const since = this.virtualSinceMs;
    this.nextLastByte =
      this.tickets.length === 0 || rate <= 0 ? Infinity : Math.max(since, Math.ceil(since + Math.max(0, ((this.tickets[0].threshold - this.virtualBytes) * 1000) / rate)));
    this.nextLastByteKnown = true;
    return this.nextLastByte;
  }

  /**
   * Settles the last bytes that left since the group was last looked at. With no capped flow
   * the share is simply capacity / members, so each such moment is replayed here, in order,
   * at its own millisecond (the link statistics hear it with that time); with capped flows
   * the wake-up is set at the moment itself and `wake` handles it with a water-fill.
   */
  private settleGroup(): void {
    if (this.flows.length > 0 || this.granting) return;
    const now = this.sim.now;
    for (;;) {
      const at = this.nextLastByteMs();
      if (at > now) return;
      this.virtualBytes += (this.shareNow() * (at - this.virtualSinceMs)) / 1000;
      this.virtualSinceMs = at;
      this.nextLastByteKnown = false;
      this.popLastBytes(at);
      this.reshare(at);
    }
  }

  /** The top member (and any within float noise of it) sent its last byte at `atMs`: it travels. */
  private popLastBytes(atMs: number): void {
    let first = true;
    for (;;) {
      this.dropDeadTickets();
      if (this.tickets.length === 0) return;
      const top = this.tickets[0];
      if (!first && top.threshold - this.virtualBytes > DONE_BYTES + this.virtualBytes * 1e-12) return;
      first = false;
      this.popTicket();
      this.returnUnused(this.virtualBytes - top.threshold);
      this.greedyCount--;
      top.state = TRAVELING;
      top.arrivalMs = atMs + top.latencyMs;
      this.enqueueTraveling(top);
    }
  }

  /** Keeps the travelling members ordered by arrival (ties in the order their last bytes left). */
  private enqueueTraveling(t: GreedyTicket): void {
    const q = this.traveling;
    let i = this.travelingEnd++;
    if (i === q.length) q.push(t);
    while (i > this.travelingHead && q[i - 1].arrivalMs > t.arrivalMs) {
      q[i] = q[i - 1];
      i--;
    }
    q[i] = t;
  }

  /**
   * One pending wake-up: the next arrival, or the next last byte (plus the smallest latency
   * when no capped flow needs to hear of it at once). A pending one that is not later than
   * the new prediction is kept (when it fires early, it re-predicts): shares change far more
   * often than transfers end.
   */
  private scheduleWake(): void {
    let at = this.nextLastByteMs();
    if (at !== Infinity && this.flows.length === 0) at += this.minLatencyMs;
    while (this.travelingHead < this.travelingEnd && this.traveling[this.travelingHead].state === GONE) this.travelingHead++;
    if (this.travelingHead < this.travelingEnd) at = Math.min(at, this.traveling[this.travelingHead].arrivalMs);
    at = Math.max(at, this.sim.now);
    if (at === Infinity) {
      if (this.wakeEvent >= 0) this.sim.cancel(this.wakeEvent);
      this.wakeEvent = -1;
      return;
    }
    if (this.wakeEvent >= 0 && this.wakeAt <= at) return;
    if (this.wakeEvent >= 0) this.sim.cancel(this.wakeEvent);
    this.wakeAt = at;
    this.wakeEvent = this.sim.at(at, SharedCapacity.wake, this);
  }

  private static wake(this: void, self: SharedCapacity): void {
    self.wakeEvent = -1;
    if (self.flows.length > 0) self.lastBytesWithCappedFlows();
    else self.settleGroup();
    self.deliverArrivals();
    self.scheduleWake();
  }

  /** With capped flows beside the group: members whose last byte left now travel, and everyone is re-granted. */
  private lastBytesWithCappedFlows(): void {
    if (this.nextLastByteMs() > this.sim.now) return;
    this.advanceVirtual();
    this.popLastBytes(this.sim.now);
    this.fullRecompute = true;
    this.recompute();
  }

  /** Members whose arrival time has come hear it, in order. */
  private deliverArrivals(): void {
    const q = this.traveling;
    const now = this.sim.now;
    while (this.travelingHead < this.travelingEnd && q[this.travelingHead].arrivalMs <= now) {
      const t = q[this.travelingHead++];
      if (t.state === GONE) continue;
      t.state = ARRIVED;
      t.member.greedyArrived();
    }
    if (this.travelingHead === this.travelingEnd) {
      this.travelingHead = 0;
      this.travelingEnd = 0;
    } else if (this.travelingHead > LONG_BACKLOG && this.travelingHead * 2 > this.travelingEnd) {
      moveToFront(q, this.travelingHead, this.travelingEnd);
      this.travelingEnd -= this.travelingHead;
      this.travelingHead = 0;
    }
  }

  private dropDeadTickets(): void {
    while (this.tickets.length > 0 && this.tickets[0].state !== SHARING) this.popTicket();
  }

  private pushTicket(t: GreedyTicket): void {
    this.nextLastByteKnown = false;
    const h = this.tickets;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].threshold <= t.threshold) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = t;
  }

  private popTicket(): GreedyTicket {
    this.nextLastByteKnown = false;
    const h = this.tickets;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= h.length) break;
        if (c + 1 < h.length && h[c + 1].threshold < h[c].threshold) c++;
        if (h[c].threshold >= last.threshold) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  private ensureSize(n: number): void {
    if (this.demands.length >= n) return;
    const size = Math.max(n, this.demands.length * 2);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.demands = grow(this.demands);
    this.rates = grow(this.rates);
    const marks = new Uint8Array(size);
    marks.set(this.dirtyMark);
    this.dirtyMark = marks;
    this.order = new Int32Array(size);
  }
}
