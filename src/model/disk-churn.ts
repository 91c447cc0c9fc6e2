// Drives one disk's write curve W(t) from its churn schedule: one kernel event per rate
// change, the effective rate = profile rate × churn multiplier × (VM running ? 1 : 0).
import { IntDetailShape, RandomStream, type EventLog, type LogWord, type Simulator } from '../kernel';
import type { Disk } from '../scenario';
import { churnSchedule, type ChurnSchedule } from './churn-schedule';
import { CumulativeCurve } from './cumulative-curve';

/** The fixed part of a churn line, `rate=BYTES`. */
const RATE_TEXT = new IntDetailShape(['rate=', '']);

export class DiskChurn {
  readonly written: CumulativeCurve;
  private readonly schedule: ChurnSchedule;
  private profileRateBytesPerS: number;
  private multiplier = 1;
  /** The rate of the one pending change (each disk has at most one scheduled). */
  private nextRateBytesPerS = 0;
  private running = true;
  /** The oldest time whose W(t) is still needed (by a replication lookup); older history is pruned. */
  historyNeededFromMs = Infinity;
  /** Called after every change of the effective rate (the replication model listens here). */
  onRateChange: ((disk: DiskChurn) => void) | null = null;
  /** The words of its churn lines (a line every step, so looked up once). */
  private readonly churnWord: LogWord;
  private readonly keyWord: LogWord;

  constructor(
    readonly disk: Disk,
    private readonly sim: Simulator,
    private readonly log: EventLog,
    seed: number,
  ) {
    this.churnWord = log.word('churn');
    this.keyWord = log.word(disk.key);
    this.schedule = churnSchedule(disk.churn, RandomStream.for(seed, disk.key, 'churn'));
    this.profileRateBytesPerS = this.schedule.rateAt0;
    this.written = new CumulativeCurve(sim.now, 0, this.effectiveRateBytesPerS / 1000);
  }

  /** The rate the disk writes at now, bytes/s. */
  get effectiveRateBytesPerS(): number {
    return this.running ? this.profileRateBytesPerS * this.multiplier : 0;
  }

  /** Records the starting rate and schedules the first change. */
  start(): void {
    this.logRate();
    this.scheduleNext();
  }

  writtenBytesAt(tMs: number): number {
    return this.written.valueAt(tMs);
  }

  setMultiplier(multiplier: number): void {
    this.multiplier = multiplier;
    this.apply();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.apply();
  }

  private scheduleNext(): void {
    const change = this.schedule.nextChange();
    if (!change) return;
    this.nextRateBytesPerS = change.rateBytesPerS;
    this.sim.at(change.atMs, DiskChurn.fire, this);
  }

  private static fire(this: void, churn: DiskChurn): void {
    churn.profileRateBytesPerS = churn.nextRateBytesPerS;
    churn.apply();
    churn.scheduleNext();
  }

  private apply(): void {
    const rate = this.effectiveRateBytesPerS;
    if (rate / 1000 === this.written.ratePerMs) return;
    this.written.setRate(this.sim.now, rate / 1000);
    this.written.pruneBefore(Math.min(this.sim.now, this.historyNeededFromMs));
    this.logRate();
    this.onRateChange?.(this);
  }

  /** The rate now in whole bytes per second (the digest still sees every change). */
  private logRate(): void {
    this.log.intLine1(this.sim.now, this.churnWord, this.keyWord, RATE_TEXT, Math.round(this.effectiveRateBytesPerS));
  }
}
