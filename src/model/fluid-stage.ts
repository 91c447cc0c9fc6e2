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
  private grantedPerMs = 0;
  private emptyEvent = -1;
  /** When true the stage drains nothing (its source or destination is unreachable). */
  private blockedFlag = false;
  /** Called after every change of the output rate. */
  onOutputRateChange: (() => void) | null = null;

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

  /** Moves the stage onto another capacity (e.g. a link after failover). */
  moveTo(capacity: SharedCapacity): void {
    this.capacity.remove(this);
    this.capacity = capacity;
    this.grantedPerMs = 0;
    capacity.add(this);
    this.apply();
  }

  demandBytesPerS(): number {
    if (this.blockedFlag) return 0;
    if (this.backlogBytes > EMPTY_BYTES) return this.limitBytesPerS;
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
    this.capacity.markDirty(this);
    this.apply();
  }

  /** The limit changed (e.g. a throttle): ask for a new grant. */
  limitChanged(): void {
    this.capacity.markDirty(this);
  }

  /** Sets the output rate from the grant and the state, and reschedules the emptying. */
  private apply(): void {
    const now = this.sim.now;
    const inRate = this.input.ratePerMs;
    const backlog = this.input.valueAt(now) - this.output.valueAt(now);
    let rate = this.blockedFlag ? 0 : this.grantedPerMs;
    if (backlog <= EMPTY_BYTES && rate > inRate) rate = inRate;
    if (rate !== this.output.ratePerMs) {
      this.output.setRate(now, rate);
      this.onOutputRateChange?.();
    }
    if (this.emptyEvent >= 0) {
      this.sim.cancel(this.emptyEvent);
      this.emptyEvent = -1;
    }
    if (backlog > EMPTY_BYTES && rate > inRate) {
      const emptyAt = now + backlog / (rate - inRate);
      this.emptyEvent = this.sim.at(Math.max(now, Math.ceil(emptyAt)), FluidStage.emptied, { stage: this, emptyAt });
    }
  }

  private static emptied(this: void, arg: { stage: FluidStage; emptyAt: number }): void {
    const stage = arg.stage;
    stage.emptyEvent = -1;
    // The buffer emptied at the exact (fractional) instant: from then on output follows input.
    const from = Math.max(arg.emptyAt, stage.output.lastChangeMs);
    stage.output.setRate(from, stage.input.ratePerMs);
    stage.onOutputRateChange?.();
    stage.capacity.markDirty(stage);
  }
}
