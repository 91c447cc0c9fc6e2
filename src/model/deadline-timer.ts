// A timer that is pushed back far more often than it fires (an alert "if no point arrives
// within 60 min", a health rule "if nothing was sent for an hour"): re-arming later keeps the
// pending kernel event, which re-schedules itself when it finds the deadline moved, so the
// cost is one event per firing or per deadline span, not a cancel and a schedule per re-arm.
import type { Simulator } from '../kernel';

export class DeadlineTimer {
  private event = -1;
  private wakeMs = Infinity;
  private deadlineMs = Infinity;

  constructor(
    private readonly sim: Simulator,
    private readonly onFire: () => void,
  ) {}

  get armed(): boolean {
    return this.deadlineMs !== Infinity;
  }

  /** Fires at `atMs` (or now, if it has passed) unless re-armed or disarmed first. */
  arm(atMs: number): void {
    const at = Math.max(this.sim.now, atMs);
    this.deadlineMs = at;
    if (this.event >= 0 && this.wakeMs <= at) return;
    if (this.event >= 0) this.sim.cancel(this.event);
    this.schedule(at);
  }

  disarm(): void {
    this.deadlineMs = Infinity;
  }

  private schedule(at: number): void {
    this.wakeMs = at;
    this.event = this.sim.at(at, DeadlineTimer.wake, this);
  }

  private static wake(this: void, self: DeadlineTimer): void {
    self.event = -1;
    if (self.deadlineMs === Infinity) return;
    if (self.deadlineMs > self.sim.now) {
      self.schedule(self.deadlineMs);
      return;
    }
    self.deadlineMs = Infinity;
    self.onFire();
  }
}
