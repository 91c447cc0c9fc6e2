// A discrete transfer over a shared capacity (a VHD, a Hyper-V log file, a disk's initial
// copy): it completes `latencyMs` after its last byte leaves, at the rates it was granted.
// Without a limit it joins the capacity's processor-sharing group, which tells it when it
// arrives; with one it is a flow capped at that limit, with its own wake-ups.
import type { Simulator } from '../kernel';
import type { CapacityFlow, GreedyMember, GreedyTicket, SharedCapacity } from './shared-capacity';

export class Transfer implements CapacityFlow, GreedyMember {
  private size = 0;
  capacitySlot = -1;
  private remaining = 0;
  private ratePerMs = 0;
  private since = 0;
  private finishEvent = -1;
  private finishWakeMs = Infinity;
  private ticket: GreedyTicket | null = null;
  /** The ticket of its last arrival, handed back to the group when it is sent again. */
  private arrivedTicket: GreedyTicket | null = null;
  private paused = false;
  /** The arrival, `latencyMs` after the last byte left (pending while it travels). */
  private arrivalEvent = -1;
  done = false;

  constructor(
    private readonly sim: Simulator,
    private readonly capacity: SharedCapacity,
    bytes: number,
    private readonly latencyMs: number,
    private readonly onComplete: (transfer: Transfer) => void,
    /** Most this transfer may take, bytes/s (Infinity: whatever its fair share is). */
    private readonly limitBytesPerS = Infinity,
  ) {
    this.start(bytes);
  }

  /** Bytes to send in all. */
  get bytes(): number {
    return this.size;
  }

  /**
   * Sends `bytes` more over the same capacity, with the same latency, limit and completion,
   * once this transfer has completed or been cancelled (what repeats every cycle, such as a
   * Hyper-V log, reuses one object). May be called from its own completion.
   */
  again(bytes: number): this {
    if (!this.idle) throw new Error('Transfer.again: the transfer is still under way');
    this.start(bytes);
    return this;
  }

  /** Completed or cancelled, and not travelling: `again` may send it anew. */
  get idle(): boolean {
    return this.done && this.arrivalEvent < 0;
  }

  /** Whether it goes over `capacity` (so `again` would send there). */
  uses(capacity: SharedCapacity): boolean {
    return this.capacity === capacity;
  }

  private start(bytes: number): void {
    this.size = bytes;
    this.remaining = bytes;
    this.since = this.sim.now;
    this.ratePerMs = 0;
    this.paused = false;
    this.ticket = null;
    this.done = bytes <= 0;
    if (this.done) {
      this.arrivalEvent = this.sim.after(this.latencyMs, Transfer.arrive, this);
      return;
    }
    this.join();
  }

  private get greedy(): boolean {
    return this.limitBytesPerS === Infinity;
  }

  private join(): void {
    if (this.greedy) {
      this.ticket = this.capacity.addGreedy(this, this.remaining, this.latencyMs, this.arrivedTicket);
      this.arrivedTicket = null;
    } else this.capacity.add(this);
  }

  private leave(): void {
    if (this.ticket) {
      this.remaining = this.capacity.removeGreedy(this.ticket);
      this.ticket = null;
    } else {
      this.settle();
      if (this.finishEvent >= 0) this.sim.cancel(this.finishEvent);
      this.finishEvent = -1;
      this.ratePerMs = 0;
      this.capacity.remove(this);
    }
  }

  get remainingBytes(): number {
    if (this.done) return 0;
    if (this.ticket) return this.capacity.greedyRemaining(this.ticket);
    return Math.max(0, this.remaining - this.ratePerMs * (this.sim.now - this.since));
  }

  /** Bytes that have left so far. */
  get sentBytes(): number {
    return this.size - this.remainingBytes;
  }

  get rateBytesPerS(): number {
    if (this.done || this.paused) return 0;
    if (this.ticket) return this.capacity.greedySharing(this.ticket) ? this.capacity.greedyRateBytesPerS : 0;
    return this.ratePerMs * 1000;
  }

  demandBytesPerS(): number {
    return this.done || this.paused ? 0 : this.limitBytesPerS;
  }

  /** Stops taking bandwidth (e.g. its source is down); `resume` picks up where it was. */
  pause(): void {
    if (this.done || this.paused) return;
    // Its last byte has left: it arrives whatever happens at the source.
    if (this.ticket && !this.capacity.greedySharing(this.ticket)) return;
    this.paused = true;
    this.leave();
  }

  resume(): void {
    if (this.done || !this.paused) return;
    this.paused = false;
    this.since = this.sim.now;
    this.join();
  }

  /** Abandons the transfer without completing it (its bytes in flight are lost too). */
  cancel(): void {
    if (this.arrivalEvent >= 0) {
      this.sim.cancel(this.arrivalEvent);
      this.arrivalEvent = -1;
    }
    if (this.done) return;
    if (!this.paused) this.leave(); // a greedy one travelling is dropped by its group
    this.done = true;
  }

  grant(rateBytesPerS: number): void {
    if (this.done) return;
    const perMs = rateBytesPerS / 1000;
    if (perMs === this.ratePerMs) return;
    this.settle();
    this.ratePerMs = perMs;
    this.scheduleFinish();
  }

  /** One wake-up at the last byte; an earlier pending one is kept and re-predicts when it fires. */
  private scheduleFinish(): void {
    const wakeAt = this.ratePerMs > 0 ? Math.max(this.sim.now, Math.ceil(this.sim.now + this.remaining / this.ratePerMs)) : Infinity;
    if (this.finishEvent >= 0 && this.finishWakeMs <= wakeAt) return;
    if (this.finishEvent >= 0) this.sim.cancel(this.finishEvent);
    this.finishEvent = -1;
    if (wakeAt === Infinity) return;
    this.finishWakeMs = wakeAt;
    this.finishEvent = this.sim.at(wakeAt, Transfer.wake, this);
  }

  /** The processor-sharing group says it has arrived (latency after its last byte left). */
  greedyArrived(): void {
    this.arrivedTicket = this.ticket;
    this.ticket = null;
    this.remaining = 0;
    this.done = true;
    this.onComplete(this);
  }

  private settle(): void {
    const now = this.sim.now;
    const moved = Math.min(this.remaining, this.ratePerMs * (now - this.since));
    this.remaining -= moved;
    this.since = now;
  }

  private static wake(this: void, self: Transfer): void {
    self.finishEvent = -1;
    const lastByteMs = self.ratePerMs > 0 ? self.since + self.remaining / self.ratePerMs : Infinity;
    self.settle();
    if (self.remaining > 1e-6) {
      self.scheduleFinish();
      return;
    }
    self.capacity.returnUnused(self.ratePerMs * (self.sim.now - lastByteMs));
    self.capacity.remove(self);
    self.finish();
  }

  private finish(): void {
    this.remaining = 0;
    this.done = true;
    if (this.latencyMs > 0) this.arrivalEvent = this.sim.after(this.latencyMs, Transfer.arrive, this);
    else this.onComplete(this);
  }

  private static arrive(this: void, self: Transfer): void {
    self.arrivalEvent = -1;
    self.onComplete(self);
  }
}
