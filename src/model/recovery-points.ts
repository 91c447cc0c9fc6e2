// Recovery points of one scope (a VM, or a multi-VM group): points cut at time T wait until
// every disk of the scope has applied W(T) (plus a fixed delay), then become available; the
// available ones are pruned by the retention rules of model.md.
import { RepeatedDetail, type EventLog, type LogWord, type Simulator } from '../kernel';
import type { RecoveryPointChoice } from '../scenario';
import { moveToFront } from './fifo';
import { PendingPoints } from './pending-points';

export type Consistency = 'crash' | 'app';

export interface RecoveryPoint {
  /** When the point was cut at the source. */
  timeMs: number;
  consistency: Consistency;
  /** When it became usable for failover. */
  availableAtMs: number;
}

/**
 * Logs points becoming available: `time point SUBJECT crash|app t=T`. Many scopes make a
 * point of the same cut time one after another (every VM's log of a cycle, every VM's
 * crash-consistent cut), so the detail of a time is hashed once.
 */
export class PointLines {
  private readonly word: LogWord;
  private readonly crash = new RepeatedDetail('crash t=');
  private readonly app = new RepeatedDetail('app t=');

  constructor(private readonly log: EventLog) {
    this.word = log.word('point');
  }

  available(nowMs: number, subject: LogWord, point: RecoveryPoint): void {
    this.log.repeatedLine(nowMs, this.word, subject, point.consistency === 'app' ? this.app : this.crash, point.timeMs);
  }
}

/** What a scope needs to know of each of its disks. */
export interface AppliedProgress {
  /** Bytes written by time T (the point's content). */
  writtenAt(timeMs: number): number;
  /**
   * When the applied bytes reached or will reach `bytes` at the current rates (Infinity if
   * they never do); exact for the past as far back as the disk keeps applied history.
   */
  appliedReachTime(bytes: number): number;
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

/** Whether two rules have one tier each and the same numbers. */
function sameSingleTier(a: PruningRule, b: PruningRule): boolean {
  return (
    a.tiers.length === 1 &&
    b.tiers.length === 1 &&
    a.allWithinMs === b.allWithinMs &&
    a.tiers[0].untilAgeMs === b.tiers[0].untilAgeMs &&
    a.tiers[0].bucketMs === b.tiers[0].bucketMs
  );
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
  /** Points cut and not yet available, oldest first. */
  private readonly pending: PendingPoints;
  private checkEvent = -1;
  private checkWakeMs = Infinity;
  private checkScheduled = false;
  /** Available points, oldest first. */
  readonly available: RecoveryPoint[] = [];
  /** The first `thinned` available points were kept by the single-tier rule `thinnedBy` at the last prune. */
  private thinned = 0;
  private thinnedBy: PruningRule | null = null;
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
  ) {
    this.pending = new PendingPoints(disks.length);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  newest(consistency?: Consistency): RecoveryPoint | null {
    for (let i = this.available.length - 1; i >= 0; i--) {
      if (!consistency || this.available[i].consistency === consistency) return this.available[i];
    }
    return null;
  }

  /**
   * The newest available point a failover may use: any (`latest`, `latest-processed`), the
   * newest app-consistent one, or the newest at or before a time.
   */
  newestFor(choice: RecoveryPointChoice): RecoveryPoint | null {
    const points = this.available;
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i];
      if (choice.kind === 'latest-app-consistent' && p.consistency !== 'app') continue;
      if (choice.kind === 'at' && p.timeMs > choice.atMs) continue;
      return p;
    }
    return null;
  }

  /** Cuts a point at the current time (T = now). */
  cut(consistency: Consistency): void {
    const t = this.sim.now;
    // Crash and app points due at the same T are one point, app-consistent: counted once.
    const pending = this.pending;
    if (pending.size > 0 && pending.lastTimeMs === t) {
      if (consistency === 'app' && pending.lastConsistency !== 'app') {
        pending.markLastApp();
        this.appCreated++;
      }
      return;
    }
    pending.push(t, consistency);
    for (let i = 0; i < this.disks.length; i++) pending.setLastTarget(i, this.disks[i].writtenAt(t));
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
    this.pending.clear();
    this.available.length = 0;
    this.thinned = 0;
    if (this.checkEvent >= 0) this.sim.cancel(this.checkEvent);
    this.checkEvent = -1;
  }

  /** Forgets points that are not being waited for any more (e.g. replication stopped). */
  dropPending(): void {
    this.pending.clear();
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
   * Releases the pending points that are available by now and sets one wake-up for the next.
   * A point is available `delayMs` after the instant every disk had applied its data (never
   * before T + delay): that instant comes from the applied curves, exactly, even when it has
   * passed (the disks keep `delayMs` of applied history), so one wake-up per point does both
   * "applied" and "available". A pending wake-up that is not later than the new prediction is
   * kept (if the point is not available then, it re-predicts).
   */
  private check(): void {
    const now = this.sim.now;
    const pending = this.pending;
    while (pending.size > 0) {
      const timeMs = pending.firstTimeMs;
      let appliedAt = timeMs;
      for (let i = 0; i < this.disks.length; i++) {
        const t = this.disks[i].appliedReachTime(pending.firstTarget(i) - REACHED_BYTES);
        if (t > appliedAt) appliedAt = t;
      }
      if (appliedAt === Infinity) break;
      const availableAt = Math.ceil(appliedAt) + this.delayMs;
      if (availableAt <= now) {
        const consistency = pending.firstConsistency;
        pending.shift();
        this.addAvailable({ timeMs, consistency, availableAtMs: now });
        continue;
      }
      if (this.checkEvent >= 0 && this.checkWakeMs <= availableAt) break;
      if (this.checkEvent >= 0) this.sim.cancel(this.checkEvent);
      this.checkWakeMs = availableAt;
      this.checkEvent = this.sim.at(availableAt, RecoveryPointScope.wakeFn, this);
      break;
    }
  }

  /** Records a point that is usable now (for replication whose points are discrete applies). */
  addAvailable(point: RecoveryPoint): void {
    this.available.push(point);
    this.onAvailable?.(point);
  }

  /** Records a point usable now that replaces every other (a replica keeping only its newest point). */
  replaceAvailable(point: RecoveryPoint): void {
    if (this.available.length !== 1) this.available.length = 1;
    this.available[0] = point;
    this.thinned = 0;
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
   *
   * With a single tier (retentions up to 7 days, Hyper-V additional points) the points a
   * previous prune already thinned stay as they are until they expire: they are in distinct
   * buckets of the same tier, so the full pass would keep each of them. Such a prune only
   * drops the expired ones at the front and goes over the points that aged since; a fleet
   * pruning every hour then touches a few points per scope, not all of them.
   */
  prune(rule: PruningRule): void {
    const now = this.sim.now;
    const points = this.available;
    const newest = points.length - 1;
    const single = rule.tiers.length === 1;
    let from = 0;
    let kept = 0;
    let lastTier = -1;
    let lastBucket = -1;
    if (single && this.thinned > 0 && this.thinnedBy !== null && sameSingleTier(this.thinnedBy, rule)) {
      const { untilAgeMs, bucketMs } = rule.tiers[0];
      let expired = 0;
      while (expired < this.thinned && now - points[expired].timeMs > untilAgeMs) expired++;
      if (expired > 0) moveToFront(points, expired, this.thinned);
      kept = this.thinned - expired;
      from = this.thinned;
      if (kept > 0) {
        lastTier = 0;
        lastBucket = Math.floor(points[kept - 1].timeMs / bucketMs);
      }
    }
    // Points are in time order, so a bucket's points are contiguous: compare with the bucket
    // of the last point kept by a tier, no map needed. Kept points are compacted in place.
    let thinned = -1;
    for (let i = from; i <= newest; i++) {
      const p = points[i];
      const age = now - p.timeMs;
      if (age <= rule.allWithinMs || i === newest) {
        // Recent (or the newest): this point and every newer one stay, unread (a fleet's
        // scopes hold two hours of points, cold in memory by the hourly prune).
        thinned = kept;
        if (kept === i) kept = newest + 1;
        else for (let j = i; j <= newest; j++) points[kept++] = points[j];
        break;
      }
      let tier = 0;
      while (tier < rule.tiers.length && age > rule.tiers[tier].untilAgeMs) tier++;
      if (tier === rule.tiers.length) continue;
      const bucket = Math.floor(p.timeMs / rule.tiers[tier].bucketMs);
      if (tier === lastTier && bucket === lastBucket) {
        if (p.consistency === 'app' && points[kept - 1].consistency !== 'app') points[kept - 1] = p;
        continue;
      }
      lastTier = tier;
      lastBucket = bucket;
      points[kept++] = p;
    }
    points.length = kept;
    // The leading points kept by a tier (older ones come first): settled until they expire.
    this.thinned = single ? (thinned < 0 ? kept : thinned) : 0;
    this.thinnedBy = single ? rule : null;
  }

}
