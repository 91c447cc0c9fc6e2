// A buffer between an input cumulative curve and an output curve whose drain rate is granted
// by a shared capacity: output = input while empty and the grant allows, else the grant;
// the instant it empties is computed exactly and rescheduled whenever a rate changes.
import type { Simulator } from '../kernel';
import { CumulativeCurve } from './cumulative-curve';
import type { CapacityFlow, SharedCapacity } from './shared-capacity';

/** Below this many bytes a buffer counts as empty (float noise on terabyte curves). */
export const EMPTY_BYTES = 1;

export class FluidStage implements CapacityFlow {
  readonly output: CumulativeCurve;
  capacitySlot = -1;
  private grantedPerMs = 0;
  private emptyEvent = -1;
  private emptyWakeMs = Infinity;
  /** The buffer is empty and the output follows the input (set wherever the rates change). */
  private keepingUp = true;
  /** When true the stage drains nothing (its source or destination is unreachable). */
  private blockedFlag = false;
  /** How many times `apply` has run (so `inputChanged` can tell whether its grant applied it). */
  private applies = 0;
  /** Called after every change of the output rate, saying whether it went up. */
  onOutputRateChange: ((faster: boolean) => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    readonly input: CumulativeCurve,
    private capacity: SharedCapacity,
    /** The most this stage may drain, bytes/s (a per-disk limit), Infinity if none. */
    public limitBytesPerS = Infinity,
    startValue = input.valueAt(sim.now),
  ) {
    this.output = new CumulativeCurve(sim.now, startValue, 0);
    capacity.add(this);
  }

  get backlogBytes(): number {
    const b = this.input.valueAt(this.sim.now) - this.output.valueAt(this.sim.now);
    return b > 0 ? b : 0;
  }

  get outputRateBytesPerS(): number {
    return this.output.ratePerMs * 1000;
  }

  get blocked(): boolean {
    return this.blockedFlag;
  }

  set blocked(value: boolean) {
    if (value === this.blockedFlag) return;
    this.blockedFlag = value;
    this.capacity.markDirty(this);
    this.apply();
  }

  /**
   * A blocked stage starts afresh from its input's value now, as if the buffer had always been
   * empty (replication enabled later than the run's start: earlier writes are not churn to ship).
   */
  restartFromInput(): void {
    if (!this.blockedFlag) throw new Error('restartFromInput: the stage must be blocked');
    this.output.restartAt(this.sim.now, this.input.valueAt(this.sim.now));
    this.keepingUp = true;
  }

  /** Moves the stage onto another capacity (e.g. a link after failover). */
  moveTo(capacity: SharedCapacity): void {
    this.capacity.remove(this);
    this.capacity = capacity;
    this.grantedPerMs = 0;
    capacity.add(this);
    this.apply();
  }

  /** Empty and keeping up: what it demands is its input's rate; otherwise all it may take. */
  demandBytesPerS(): number {
    if (this.blockedFlag) return 0;
    if (!this.keepingUp) return this.limitBytesPerS;
    const inRate = this.input.ratePerMs * 1000;
    return inRate < this.limitBytesPerS ? inRate : this.limitBytesPerS;
  }

  grant(rateBytesPerS: number): void {
    const perMs = rateBytesPerS / 1000;
    if (perMs === this.grantedPerMs) return;
    this.grantedPerMs = perMs;
    this.apply();
  }

  /** The input's rate changed: ask for a new grant and keep the output within the input. */
  inputChanged(): void {
    const applied = this.applies;
    this.capacity.markDirty(this);
    // Granted its new demand at once and keeping up with it: that grant's `apply` already did
    // what this one would (an empty buffer keeping up stays so either way).
    if (this.applies !== applied && this.keepingUp) return;
    this.apply(true);
  }

  /** The limit changed (e.g. a throttle): ask for a new grant. */
  limitChanged(): void {
    this.capacity.markDirty(this);
  }

  /**
   * Sets the output rate from the grant and the state, and reschedules the emptying. An empty
   * buffer whose input just changed keeps up until its new grant arrives later this instant
   * (no bytes pass meanwhile); whenever `keepingUp` flips, the demand changes, so the
   * capacity is told: a grant never stays above what the stage takes.
   */
  private apply(inputChanged = false): void {
    this.applies++;
    const now = this.sim.now;
    const inRate = this.input.ratePerMs;
    const backlog = this.input.valueAt(now) - this.output.valueAt(now);
    const empty = backlog <= EMPTY_BYTES;
    let rate = this.blockedFlag ? 0 : this.grantedPerMs;
    if (empty && rate > inRate) rate = inRate;
    const keepingUp = empty && (rate >= inRate || inputChanged);
    if (keepingUp !== this.keepingUp) {
      this.keepingUp = keepingUp;
      if (!this.blockedFlag) this.capacity.markDirty(this);
    }
    const before = this.output.ratePerMs;
    if (rate !== before) {
      this.output.setRate(now, rate);
      this.onOutputRateChange?.(rate > before);
    }
    // The emptying instant at the current rates. A pending wake-up that is not later is kept
    // (if the buffer has not emptied by then, it re-predicts): rates change far more often
    // than buffers empty, so this saves most cancel-and-reschedule pairs.
    const emptyAt = backlog > EMPTY_BYTES && rate > inRate ? now + backlog / (rate - inRate) : Infinity;
    const wakeAt = emptyAt === Infinity ? Infinity : Math.max(now, Math.ceil(emptyAt));
    if (this.emptyEvent >= 0 && this.emptyWakeMs <= wakeAt) return;
    if (this.emptyEvent >= 0) this.sim.cancel(this.emptyEvent);
    this.emptyEvent = -1;
    if (wakeAt !== Infinity) {
      this.emptyWakeMs = wakeAt;
      this.emptyEvent = this.sim.at(wakeAt, FluidStage.wake, this);
    }
  }

  private static wake(this: void, stage: FluidStage): void {
    stage.emptyEvent = -1;
    const now = stage.sim.now;
    const inRate = stage.input.ratePerMs;
    const outRate = stage.output.ratePerMs;
    const backlog = stage.input.valueAt(now) - stage.output.valueAt(now);
    if (outRate > inRate && backlog <= EMPTY_BYTES) {
      // The buffer emptied at the exact (fractional) instant: from then on output follows input.
      const emptyAt = now - Math.max(0, -backlog) / (outRate - inRate);
      const from = Math.max(emptyAt, stage.output.lastChangeMs);
      stage.keepingUp = true;
      stage.output.setRate(from, inRate);
      if (!stage.blockedFlag) stage.capacity.returnUnused((outRate - inRate) * (now - from));
      stage.onOutputRateChange?.(false);
      stage.capacity.markDirty(stage);
    } else {
      stage.apply();
    }
  }
}
