// A capacity shared max-min fairly by flows (a link direction, a cache account, a VM's upload
// limit, a host's apply rate). Changes in one instant are batched: members mark it dirty and
// a single recomputation runs after every event already queued for that instant; when only
// a few demands changed and the water level cannot move, only those flows are regranted.
import type { Simulator } from '../kernel';
import { waterFill } from './fair-share';

/** A consumer of a shared capacity. Rates in bytes per second. */
export interface CapacityFlow {
  /** What the flow would take now if the capacity were unlimited (may be Infinity). */
  demandBytesPerS(): number;
  /** The rate the capacity grants it, from now on. */
  grant(rateBytesPerS: number): void;
}

export class SharedCapacity {
  private readonly flows: CapacityFlow[] = [];
  private readonly indexOf = new Map<CapacityFlow, number>();
  private demands = new Float64Array(8);
  private rates = new Float64Array(8);
  private order = new Int32Array(8);
  private readonly dirtyFlows: CapacityFlow[] = [];
  private fullRecompute = true;
  private scheduled = false;
  private capacity: number;
  /** The share of every flow capped by the capacity (Infinity while nobody is capped). */
  private level = Infinity;
  /** Sum of the granted rates, bytes/s. */
  grantedBytesPerS = 0;
  /** Sum of the demands, bytes/s (above the capacity ⇒ saturated). */
  demandedBytesPerS = 0;
  /** Called after each recomputation (statistics listen here); `before` is the granted total until now. */
  onRecompute: ((nowMs: number, grantedBeforeBytesPerS: number) => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    capacityBytesPerS: number,
    readonly name = '',
  ) {
    this.capacity = capacityBytesPerS;
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
    return this.flows.length;
  }

  /** The rate currently granted to a flow (0 if not a member). */
  rateOf(flow: CapacityFlow): number {
    const i = this.indexOf.get(flow);
    return i === undefined ? 0 : this.rates[i];
  }

  add(flow: CapacityFlow): void {
    if (this.indexOf.has(flow)) return;
    const i = this.flows.length;
    this.ensureSize(i + 1);
    this.flows.push(flow);
    this.indexOf.set(flow, i);
    this.demands[i] = 0;
    this.rates[i] = 0;
    this.markDirty(flow);
  }

  remove(flow: CapacityFlow): void {
    const i = this.indexOf.get(flow);
    if (i === undefined) return;
    const last = this.flows.length - 1;
    const moved = this.flows[last];
    this.flows[i] = moved;
    this.demands[i] = this.demands[last];
    this.rates[i] = this.rates[last];
    this.indexOf.set(moved, i);
    this.flows.pop();
    this.indexOf.delete(flow);
    this.fullRecompute = true;
    this.schedule();
  }

  /** A member's demand may have changed: regrant at the end of this instant. */
  markDirty(flow?: CapacityFlow): void {
    if (flow) this.dirtyFlows.push(flow);
    else this.fullRecompute = true;
    this.schedule();
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
      this.dirtyFlows.length = 0;
      this.onRecompute?.(this.sim.now, before);
      return;
    }
    this.fullRecompute = false;
    this.dirtyFlows.length = 0;
    const n = this.flows.length;
    const demands = this.demands.subarray(0, n);
    let demanded = 0;
    for (let i = 0; i < n; i++) {
      const d = this.flows[i].demandBytesPerS();
      demands[i] = d > 0 ? d : 0;
      demanded += demands[i];
    }
    this.demandedBytesPerS = demanded;
    const capacity = Math.max(0, this.capacity);
    const rates = this.rates;
    this.grantedBytesPerS = waterFill(capacity, demands, rates, this.order);
    this.level = Infinity;
    if (demanded > capacity) {
      let top = 0;
      for (let i = 0; i < n; i++) if (rates[i] < demands[i] && rates[i] > top) top = rates[i];
      this.level = n > 0 ? top : Infinity;
      if (capacity === 0) this.level = 0;
    }
    for (let i = 0; i < n; i++) this.flows[i].grant(rates[i]);
    this.onRecompute?.(this.sim.now, before);
  }

  /** Handles a few changed demands without a full water-fill when the outcome is certain. */
  private tryIncremental(): boolean {
    const dirty = this.dirtyFlows;
    const fresh = new Float64Array(dirty.length);
    let delta = 0;
    for (let k = 0; k < dirty.length; k++) {
      const i = this.indexOf.get(dirty[k]);
      if (i === undefined) return false;
      const d = Math.max(0, dirty[k].demandBytesPerS());
      fresh[k] = d;
      delta += d - this.demands[i];
    }
    if (!Number.isFinite(delta)) return false;
    const saturated = this.level !== Infinity;
    if (!saturated) {
      if (!(this.demandedBytesPerS + delta <= this.capacity)) return false;
      for (let k = 0; k < dirty.length; k++) {
        const i = this.indexOf.get(dirty[k])!;
        this.demands[i] = fresh[k];
        this.rates[i] = fresh[k];
      }
      this.demandedBytesPerS += delta;
      this.grantedBytesPerS += delta;
      for (let k = 0; k < dirty.length; k++) dirty[k].grant(fresh[k]);
      return true;
    }
    // Saturated: nothing moves if every changed flow was capped and stays capped.
    for (let k = 0; k < dirty.length; k++) {
      const i = this.indexOf.get(dirty[k])!;
      if (this.demands[i] < this.level || fresh[k] < this.level) return false;
    }
    for (let k = 0; k < dirty.length; k++) this.demands[this.indexOf.get(dirty[k])!] = fresh[k];
    this.demandedBytesPerS += delta;
    return true;
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
    this.order = new Int32Array(size);
  }
}
