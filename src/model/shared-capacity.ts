// A capacity shared max-min fairly by flows (a link direction, a cache account, a VM's upload
// limit, a host's apply rate). While it is not saturated, a flow whose new demand still fits
// is granted it at once (O(1), no water-fill). Otherwise changes in one instant are batched:
// members mark it dirty and a single recomputation runs after every event already queued for
// that instant; when the water level cannot move, only the changed flows are regranted.
// Transfers of unlimited demand share as a processor-sharing group tracked in virtual time,
// so one of them finishing costs O(log n), not a regrant of every other; with no capped flow
// beside them, members joining or leaving re-share at once (capacity / members), unbatched.
import type { Simulator } from '../kernel';
import { waterFill } from './fair-share';

/** A consumer of a shared capacity. Rates in bytes per second. */
export interface CapacityFlow {
  /** What the flow would take now if the capacity were unlimited (may be Infinity). */
  demandBytesPerS(): number;
  /** The rate the capacity grants it, from now on. */
  grant(rateBytesPerS: number): void;
}

/** A transfer in the processor-sharing group: it only hears when its last byte has left. */
export interface GreedyMember {
  greedyDone(): void;
}

/** A member's place in the group: done when the group's virtual service reaches `threshold`. */
export interface GreedyTicket {
  threshold: number;
  member: GreedyMember;
  live: boolean;
}

/** Bytes of float noise below which a greedy transfer counts as finished. */
const DONE_BYTES = 1e-3;

export class SharedCapacity {
  private readonly flows: CapacityFlow[] = [];
  private readonly indexOf = new Map<CapacityFlow, number>();
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
  // member has received since the start (bytes), and the one pending completion event.
  private readonly tickets: GreedyTicket[] = [];
  private greedyCount = 0;
  private virtualBytes = 0;
  private virtualSinceMs: number;
  private completionEvent = -1;
  private completionAt = Infinity;
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
    this.capacity = value;
    this.fullRecompute = true;
    this.schedule();
  }

  get flowCount(): number {
    return this.flows.length + this.greedyCount;
  }

  /** The rate each greedy member gets now, bytes/s. */
  get greedyRateBytesPerS(): number {
    return this.greedyCount > 0 && this.level !== Infinity ? this.level : 0;
  }

  add(flow: CapacityFlow): void {
    if (this.indexOf.has(flow)) return;
    const i = this.flows.length;
    this.ensureSize(i + 1);
    this.flows.push(flow);
    this.indexOf.set(flow, i);
    this.demands[i] = 0;
    this.rates[i] = 0;
    this.dirtyMark[i] = 0;
    this.markDirty(flow);
  }

  remove(flow: CapacityFlow): void {
    const i = this.indexOf.get(flow);
    if (i === undefined) return;
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
    this.indexOf.set(moved, i);
    this.flows.pop();
    this.indexOf.delete(flow);
    let kept = 0;
    for (const f of this.dirtyFlows) if (f !== flow) this.dirtyFlows[kept++] = f;
    this.dirtyFlows.length = kept;
  }

  /** Joins the processor-sharing group with `bytes` to send; keep the ticket to leave or ask. */
  addGreedy(member: GreedyMember, bytes: number): GreedyTicket {
    this.advanceVirtual();
    const ticket: GreedyTicket = { threshold: this.virtualBytes + bytes, member, live: true };
    this.pushTicket(ticket);
    this.greedyCount++;
    this.greedyChanged();
    return ticket;
  }

  /** Leaves the group early (pause, cancel); returns the bytes it still had to send. */
  removeGreedy(ticket: GreedyTicket): number {
    if (!ticket.live) return 0;
    this.advanceVirtual();
    ticket.live = false;
    this.greedyCount--;
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
    const before = this.grantedBytesPerS;
    const capacity = Math.max(0, this.capacity);
    this.level = this.greedyCount > 0 ? capacity / this.greedyCount : Infinity;
    this.demandedBytesPerS = this.greedyCount > 0 ? Infinity : 0;
    this.grantedBytesPerS = this.greedyCount > 0 ? capacity : 0;
    this.scheduleCompletion();
    this.onRecompute?.(this.sim.now, before);
  }

  /** A member took `bytes` less than it was granted (see `unusedGrantBytes`). */
  returnUnused(bytes: number): void {
    if (bytes > 0) this.unusedGrantBytes += bytes;
  }

  /** Bytes a greedy member still has to send, now. */
  greedyRemaining(ticket: GreedyTicket): number {
    if (!ticket.live) return 0;
    const v = this.virtualBytes + (this.greedyRateBytesPerS * (this.sim.now - this.virtualSinceMs)) / 1000;
    return Math.max(0, ticket.threshold - v);
  }

  /** A member's demand may have changed: regrant at the end of this instant. */
  markDirty(flow?: CapacityFlow): void {
    if (flow) {
      const i = this.indexOf.get(flow);
      if (i === undefined || this.dirtyMark[i] === 1) return;
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
    for (const flow of this.dirtyFlows) this.dirtyMark[this.indexOf.get(flow)!] = 0;
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
    this.demandedBytesPerS = this.greedyCount > 0 ? Infinity : demanded;
    let granted = this.greedyCount * this.greedyRateBytesPerS;
    for (let i = 0; i < n; i++) granted += rates[i];
    this.grantedBytesPerS = granted;
    this.waterFills++;
    this.granting = true;
    for (let i = 0; i < n; i++) this.flows[i].grant(rates[i]);
    this.granting = false;
    this.scheduleCompletion();
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
      const i = this.indexOf.get(dirty[k]);
      if (i === undefined) return false;
      const d = Math.max(0, dirty[k].demandBytesPerS());
      fresh[k] = d;
      if (d !== this.demands[i]) delta += d - this.demands[i];
    }
    if (this.level === Infinity) {
      if (!Number.isFinite(delta) || !(this.demandedBytesPerS + delta <= this.capacity)) return false;
      for (let k = 0; k < m; k++) {
        const i = this.indexOf.get(dirty[k])!;
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
      const i = this.indexOf.get(dirty[k])!;
      if (this.demands[i] < this.level || fresh[k] < this.level) return false;
    }
    for (let k = 0; k < m; k++) this.demands[this.indexOf.get(dirty[k])!] = fresh[k];
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
    this.virtualBytes += (this.greedyRateBytesPerS * (now - this.virtualSinceMs)) / 1000;
    this.virtualSinceMs = now;
  }

  /**
   * One pending event for the first member to finish. A pending one that is not later than
   * the new prediction is kept (when it fires with nobody done, it re-predicts): shares
   * change far more often than transfers end.
   */
  private scheduleCompletion(): void {
    this.dropDeadTickets();
    const rate = this.greedyRateBytesPerS;
    if (this.tickets.length === 0 || rate <= 0) {
      if (this.completionEvent >= 0) this.sim.cancel(this.completionEvent);
      this.completionEvent = -1;
      return;
    }
    const left = this.tickets[0].threshold - this.virtualBytes;
    const at = Math.max(this.sim.now, Math.ceil(this.sim.now + Math.max(0, (left * 1000) / rate)));
    if (this.completionEvent >= 0 && this.completionAt <= at) return;
    if (this.completionEvent >= 0) this.sim.cancel(this.completionEvent);
    this.completionAt = at;
    this.completionEvent = this.sim.at(at, SharedCapacity.completionFn, this);
  }

  private static completionFn(this: void, self: SharedCapacity): void {
    self.completionEvent = -1;
    self.advanceVirtual();
    const finished: GreedyMember[] = [];
    self.dropDeadTickets();
    while (self.tickets.length > 0 && self.tickets[0].threshold - self.virtualBytes <= DONE_BYTES + self.virtualBytes * 1e-12) {
      const t = self.popTicket();
      self.returnUnused(self.virtualBytes - t.threshold);
      t.live = false;
      self.greedyCount--;
      finished.push(t.member);
    }
    if (finished.length === 0) {
      self.scheduleCompletion(); // woken early: the shares changed since it was set
      return;
    }
    // The share changes for everyone left: recompute now, then tell the finished members.
    if (self.flows.length === 0) self.greedyChanged();
    else {
      self.fullRecompute = true;
      self.recompute();
    }
    for (const m of finished) m.greedyDone();
  }

  private dropDeadTickets(): void {
    while (this.tickets.length > 0 && !this.tickets[0].live) this.popTicket();
  }

  private pushTicket(t: GreedyTicket): void {
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
