// Recovery points of one scope (a VM, or a multi-VM group): points cut at time T wait until
// every disk of the scope has applied W(T) (plus a fixed delay), then become available; the
// available ones are pruned by the retention rules of model.md.
import type { Simulator } from '../kernel';

export type Consistency = 'crash' | 'app';

export interface RecoveryPoint {
  /** When the point was cut at the source. */
  timeMs: number;
  consistency: Consistency;
  /** When it became usable for failover. */
  availableAtMs: number;
}

/** What a scope needs to know of each of its disks. */
export interface AppliedProgress {
  /** Bytes written by time T (the point's content). */
  writtenAt(timeMs: number): number;
  /** Bytes applied at the target by now. */
  appliedNow(): number;
  /** When the applied bytes reach `bytes` at the current rates (Infinity if they never do). */
  appliedReachTime(bytes: number): number;
}

interface PendingPoint {
  timeMs: number;
  consistency: Consistency;
  targets: Float64Array;
}

/** A retention rule: keep every point younger than `allWithinMs`, then one per `bucketMs` up to `untilAgeMs`. */
export interface PruningRule {
  allWithinMs: number;
  tiers: { untilAgeMs: number; bucketMs: number }[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Azure→Azure pruning (model.md § 2) for a retention. */
export function azurePruningRule(retentionMs: number): PruningRule {
  const allWithinMs = Math.min(2 * HOUR, retentionMs);
  if (retentionMs <= DAY) return { allWithinMs, tiers: [{ untilAgeMs: retentionMs, bucketMs: HOUR }] };
  if (retentionMs <= 7 * DAY) return { allWithinMs, tiers: [{ untilAgeMs: retentionMs, bucketMs: 2 * HOUR }] };
  return {
    allWithinMs,
    tiers: [
      { untilAgeMs: 7 * DAY, bucketMs: 2 * HOUR },
      { untilAgeMs: retentionMs, bucketMs: 4 * HOUR },
    ],
  };
}

/** Collects the scopes to check at the end of an instant, so a fleet-wide rate change costs one event. */
export class ScopeCheckBatch {
  private readonly dirty: RecoveryPointScope[] = [];
  private scheduled = false;

  constructor(private readonly sim: Simulator) {}

  add(scope: RecoveryPointScope): void {
    this.dirty.push(scope);
    if (this.scheduled) return;
    this.scheduled = true;
    this.sim.after(0, ScopeCheckBatch.run, this);
  }

  private static run(this: void, self: ScopeCheckBatch): void {
    self.scheduled = false;
    // Checks may schedule more checks for this instant: take the list as it is now.
    const scopes = self.dirty.splice(0, self.dirty.length);
    for (const scope of scopes) scope.runBatchedCheck();
  }
}

/** Bytes of float noise tolerated when comparing terabyte-scale cumulative curves. */
const REACHED_BYTES = 1;

export class RecoveryPointScope {
  private readonly pending: PendingPoint[] = [];
  private pendingHead = 0;
  private checkEvent = -1;
  private checkWakeMs = Infinity;
  private checkScheduled = false;
  /** Available points, oldest first. */
  readonly available: RecoveryPoint[] = [];
  created = 0;
  appCreated = 0;
  /** Called when a point becomes available. */
  onAvailable: ((point: RecoveryPoint) => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    readonly id: string,
    private readonly disks: AppliedProgress[],
    /** Added to the moment every disk has applied the point (processing delay + latency). */
    private readonly delayMs: number,
    /** Checks of many scopes in one instant share one event. */
    private readonly batch: ScopeCheckBatch | null = null,
  ) {}

  get pendingCount(): number {
    return this.pending.length - this.pendingHead;
  }

  newest(consistency?: Consistency): RecoveryPoint | null {
    for (let i = this.available.length - 1; i >= 0; i--) {
      if (!consistency || this.available[i].consistency === consistency) return this.available[i];
    }
    return null;
  }

  /** Cuts a point at the current time (T = now). */
  cut(consistency: Consistency): void {
    const t = this.sim.now;
    const targets = new Float64Array(this.disks.length);
    for (let i = 0; i < this.disks.length; i++) targets[i] = this.disks[i].writtenAt(t);
    // An app-consistent point at the same T as a crash point replaces it.
    const last = this.pending[this.pending.length - 1];
    if (last && this.pendingCount > 0 && last.timeMs === t) {
      if (consistency === 'app') last.consistency = 'app';
    } else {
      this.pending.push({ timeMs: t, consistency, targets });
    }
    this.created++;
    if (consistency === 'app') this.appCreated++;
    this.progressChanged();
  }

  /**
   * Some disk's applied rate changed: re-predict when the oldest pending point is ready, once
   * per instant (through the shared batch when there is one). A slower rate can only delay the
   * point, and the pending wake-up then re-predicts, so only a faster one needs a check now.
   */
  progressChanged(faster = true): void {
    if (!faster && this.checkEvent >= 0) return;
    if (this.checkScheduled || this.pendingCount === 0) return;
    this.checkScheduled = true;
    if (this.batch) this.batch.add(this);
    else this.sim.after(0, RecoveryPointScope.checkEventFn, this);
  }

  /** Runs a batched check (called by the batch at the end of the instant). */
  runBatchedCheck(): void {
    this.checkScheduled = false;
    this.check();
  }

  /** Drops every pending and available point (resync, commit). */
  clear(): void {
    this.pending.length = 0;
    this.pendingHead = 0;
    this.available.length = 0;
    if (this.checkEvent >= 0) this.sim.cancel(this.checkEvent);
    this.checkEvent = -1;
  }

  /** Forgets points that are not being waited for any more (e.g. replication stopped). */
  dropPending(): void {
    this.pending.length = 0;
    this.pendingHead = 0;
    if (this.checkEvent >= 0) this.sim.cancel(this.checkEvent);
    this.checkEvent = -1;
  }

  private static checkEventFn(this: void, self: RecoveryPointScope): void {
    self.checkScheduled = false;
    self.check();
  }

  private static wakeFn(this: void, self: RecoveryPointScope): void {
    self.checkEvent = -1;
    self.check();
  }

  /**
   * Releases the pending points whose data has been applied and sets one wake-up for the
   * next. A pending wake-up that is not later than the new prediction is kept (if the point
   * is not ready then, it re-predicts), saving a cancel and a reschedule per rate change.
   */
  private check(): void {
    const now = this.sim.now;
    while (this.pendingCount > 0) {
      const p = this.pending[this.pendingHead];
      let readyAt = 0;
      for (let i = 0; i < this.disks.length; i++) {
        const d = this.disks[i];
        if (d.appliedNow() >= p.targets[i] - REACHED_BYTES) continue;
        readyAt = Math.max(readyAt, d.appliedReachTime(p.targets[i] - REACHED_BYTES));
      }
      if (readyAt === 0) {
        // Applied now: available after the fixed delay, counted from when it was applied
        // (this instant) — or from T if the data was already there when it was cut.
        const availableAt = Math.max(now, p.timeMs) + this.delayMs;
        this.pendingHead++;
        this.sim.at(availableAt, RecoveryPointScope.makeAvailable, { scope: this, point: { timeMs: p.timeMs, consistency: p.consistency, availableAtMs: availableAt } });
        continue;
      }
      if (readyAt !== Infinity) {
        const wakeAt = Math.max(now + 1, Math.ceil(readyAt));
        if (this.checkEvent >= 0 && this.checkWakeMs <= wakeAt) break;
        if (this.checkEvent >= 0) this.sim.cancel(this.checkEvent);
        this.checkWakeMs = wakeAt;
        this.checkEvent = this.sim.at(wakeAt, RecoveryPointScope.wakeFn, this);
      }
      break;
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private static makeAvailable(this: void, arg: { scope: RecoveryPointScope; point: RecoveryPoint }): void {
    arg.scope.addAvailable(arg.point);
  }

  /** Records a point that is usable now (for replication whose points are discrete applies). */
  addAvailable(point: RecoveryPoint): void {
    this.available.push(point);
    this.onAvailable?.(point);
  }

  /** Counts a point cut by a discrete replication (it becomes available through `addAvailable`). */
  countCut(consistency: Consistency): void {
    this.created++;
    if (consistency === 'app') this.appCreated++;
  }

  /**
   * Applies a pruning rule at the current time: keeps the newest point and all recent ones,
   * then one per bucket (app-consistent preferred).
   */
  prune(rule: PruningRule): void {
    const now = this.sim.now;
    const kept: RecoveryPoint[] = [];
    const claimed = new Map<string, number>();
    const newest = this.available.length - 1;
    for (let i = 0; i <= newest; i++) {
      const p = this.available[i];
      const age = now - p.timeMs;
      if (age <= rule.allWithinMs || i === newest) {
        kept.push(p);
        continue;
      }
      const tier = rule.tiers.find((t) => age <= t.untilAgeMs);
      if (!tier) continue;
      const key = `${tier.bucketMs}:${Math.floor(p.timeMs / tier.bucketMs)}`;
      const at = claimed.get(key);
      if (at === undefined) {
        claimed.set(key, kept.length);
        kept.push(p);
      } else if (p.consistency === 'app' && kept[at].consistency !== 'app') {
        kept[at] = p;
      }
    }
    this.available.length = 0;
    for (const p of kept) this.available.push(p);
  }
}
