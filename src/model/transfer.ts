// A discrete transfer over a shared capacity (a VHD, a Hyper-V log file, a disk's initial
// copy): it completes `latencyMs` after its last byte leaves, at the rates it was granted.
import type { Simulator } from '../kernel';
import type { CapacityFlow, SharedCapacity } from './shared-capacity';

export class Transfer implements CapacityFlow {
  private remaining: number;
  private ratePerMs = 0;
  private since: number;
  private finishEvent = -1;
  private paused = false;
  done = false;
  sentBytes = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly capacity: SharedCapacity,
    readonly bytes: number,
    private readonly latencyMs: number,
    private readonly onComplete: (transfer: Transfer) => void,
    /** Most this transfer may take, bytes/s. */
    private readonly limitBytesPerS = Infinity,
  ) {
    this.remaining = bytes;
    this.since = sim.now;
    if (bytes <= 0) {
      this.done = true;
      sim.after(latencyMs, () => onComplete(this));
      return;
    }
    capacity.add(this);
  }

  get remainingBytes(): number {
    return Math.max(0, this.remaining - this.ratePerMs * (this.sim.now - this.since));
  }

  get rateBytesPerS(): number {
    return this.ratePerMs * 1000;
  }

  demandBytesPerS(): number {
    return this.done || this.paused ? 0 : this.limitBytesPerS;
  }

  /** Stops taking bandwidth (e.g. its source is down); `resume` picks up where it was. */
  pause(): void {
    if (this.done || this.paused) return;
    this.paused = true;
    this.capacity.markDirty(this);
  }

  resume(): void {
    if (this.done || !this.paused) return;
    this.paused = false;
    this.capacity.markDirty(this);
  }

  /** Abandons the transfer without completing it. */
  cancel(): void {
    if (this.done) return;
    this.settle();
    this.done = true;
    if (this.finishEvent >= 0) this.sim.cancel(this.finishEvent);
    this.capacity.remove(this);
  }

  grant(rateBytesPerS: number): void {
    if (this.done) return;
    const perMs = rateBytesPerS / 1000;
    if (perMs === this.ratePerMs) return;
    this.settle();
    this.ratePerMs = perMs;
    if (this.finishEvent >= 0) this.sim.cancel(this.finishEvent);
    this.finishEvent = -1;
    if (perMs > 0) {
      const lastByteAt = this.sim.now + this.remaining / perMs;
      this.finishEvent = this.sim.at(Math.max(this.sim.now, Math.ceil(lastByteAt)), Transfer.lastByteSent, this);
    }
  }

  private settle(): void {
    const now = this.sim.now;
    const moved = Math.min(this.remaining, this.ratePerMs * (now - this.since));
    this.remaining -= moved;
    this.sentBytes += moved;
    this.since = now;
  }

  private static lastByteSent(this: void, self: Transfer): void {
    self.finishEvent = -1;
    self.settle();
    self.sentBytes += self.remaining;
    self.remaining = 0;
    self.done = true;
    self.capacity.remove(self);
    if (self.latencyMs > 0) self.sim.after(self.latencyMs, self.onComplete, self);
    else self.onComplete(self);
  }
}
