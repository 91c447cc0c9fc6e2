// Azure→Azure replication of a set of VMs from one region to another (model.md § 2):
// enable, initial copy, continuous upload and processing, crash- and app-consistent points,
// multi-VM groups, retention, alerts, health and the "beyond supported limits" events.
import { canonicalNumber, type LogWord, type Simulator } from '../kernel';
import type { Replication, Vm } from '../scenario';
import { A2aDiskPipeline } from './a2a-disk-pipeline';
import { perDiskLimitBytesPerS, perVmLimitBytesPerS } from './azure-limits';
import type { PointListener } from './model-observer';
import type { Health, ProtectionState } from './protection-state';
import { DeadlineTimer } from './deadline-timer';
import { azurePruningRule, PointLines, RecoveryPointScope, ScopeCheckBatch, type Consistency, type RecoveryPoint } from './recovery-points';
import type { ReplicationContext } from './replication-context';
import { SharedCapacity } from './shared-capacity';
import { VmUpload } from './vm-upload';

type A2aReplicationSpec = Extract<Replication, { type: 'azure-to-azure' }>;

const CRASH_INTERVAL_MS = 5 * 60_000;
const NO_POINT_ALERT_MS = 60 * 60_000;
const LIMIT_WINDOW_MS = 15 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/** The target resources enabling replication creates (for the topology view). */
export interface A2aTargetResources {
  resourceGroup: string;
  vnet: string;
  cacheStorageAccount: string;
  availabilitySet: string;
  replicaDisks: string[];
}

/**
 * One alert of a VM: raised or not, and the deadline that raises it (itself the timer: a
 * fleet re-arms two alerts per VM at every point, so one object each, not three).
 */
class VmAlert extends DeadlineTimer {
  active = false;
  /** When it was last raised, as a count of raises in the run (clearing goes oldest first). */
  raisedOrder = 0;

  constructor(
    sim: Simulator,
    readonly kind: 'rpo-threshold' | 'no-recovery-point',
    due: (alert: VmAlert) => void,
  ) {
    super(sim, () => due(this));
  }
}

export class A2aVm {
  state: ProtectionState = 'unprotected';
  health: Health = 'normal';
  scope!: RecoveryPointScope;
  irStartedAtMs: number | null = null;
  irCompletedAtMs: number | null = null;
  limitExceededEvents = 0;
  /** Replicating from the target region back to the source (after reprotect). */
  reversed = false;
  /** How long the first initial replication took (a differential sync's checksum pass lasts as long). */
  firstIrDurationMs: number | null = null;
  /** Its two alerts, each with the deadline that raises it unless a point comes first. */
  readonly rpoAlert: VmAlert;
  readonly noPointAlert: VmAlert;

  /** The kinds of the alerts raised now, in alphabetical order. */
  get activeAlerts(): string[] {
    const kinds: string[] = [];
    if (this.noPointAlert.active) kinds.push(this.noPointAlert.kind);
    if (this.rpoAlert.active) kinds.push(this.rpoAlert.kind);
    return kinds;
  }

  constructor(
    readonly vm: Vm,
    readonly disks: A2aDiskPipeline[],
    public upload: VmUpload,
    /** Hears its recovery points (the metrics). */
    readonly points: PointListener,
    sim: Simulator,
    /** An alert's deadline has come. */
    alertDue: (v: A2aVm, alert: VmAlert) => void,
  ) {
    this.rpoAlert = new VmAlert(sim, 'rpo-threshold', (alert) => alertDue(this, alert));
    this.noPointAlert = new VmAlert(sim, 'no-recovery-point', (alert) => alertDue(this, alert));
  }

  get id(): string {
    return this.vm.id;
  }

  /** What the VM writes now, bytes/s (every disk). */
  get churnBytesPerS(): number {
    let sum = 0;
    for (const d of this.disks) sum += d.churn.effectiveRateBytesPerS;
    return sum;
  }

  /** What is processed into the replica disks now, bytes/s. */
  get throughputBytesPerS(): number {
    let sum = 0;
    for (const d of this.disks) sum += d.processing.outputRateBytesPerS;
    return sum;
  }

  /** Bytes written but not yet processed: in the VM and in the cache account. */
  get backlogBytes(): number {
    let sum = 0;
    for (const d of this.disks) sum += d.cacheBacklogBytes + d.vmBacklogBytes;
    return sum;
  }
}

export type { ReplicationContext };

export class A2aReplication {
  readonly cache: SharedCapacity;
  readonly vms: A2aVm[];
  readonly scopes: RecoveryPointScope[] = [];
  /** The VMs of each scope, by the scope's index in `scopes`. */
  private readonly scopeMembers: A2aVm[][] = [];
  readonly targetResources: A2aTargetResources;
  private readonly vmById = new Map<string, A2aVm>();
  private readonly regionUp = new Map<string, boolean>();
  /** The cache account of the reverse direction (in the target region), made on first reprotect. */
  reverseCache: SharedCapacity | null = null;
  /** Its name, as the portal would show it. */
  get reverseCacheStorageAccount(): string {
    return `${this.spec.to}asrcache`;
  }
  /** `latest` failovers waiting for the point they cut to become available. */
  private readonly latestWaiters = new Map<RecoveryPointScope, { timeMs: number; resolve: (point: RecoveryPoint) => void }[]>();
  private readonly checkBatch: ScopeCheckBatch;
  private readonly pointLines: PointLines;
  /** Alerts raised so far (each raise numbered, so a failover clears them oldest first). */
  private raises = 0;

  constructor(
    readonly spec: A2aReplicationSpec,
    private readonly cx: ReplicationContext,
  ) {
    const { sim, link } = cx;
    const policy = spec.policy;
    this.checkBatch = new ScopeCheckBatch(sim);
    this.pointLines = new PointLines(cx.log);
    this.regionUp.set(spec.from, true);
    this.regionUp.set(spec.to, true);
    this.cache = new SharedCapacity(sim, policy.cacheThroughputBytesPerS, `${spec.id}/cache`);
    const processing = link.from(spec.from);
    this.vms = spec.vms.map((id) => {
      const vm = cx.vm(id);
      const upload = new VmUpload(sim, this.cache, perVmLimitBytesPerS(policy.highChurn), `${id}/upload`);
      const disks = vm.disks.map(
        (d) => new A2aDiskPipeline(sim, cx.churnOf(d.key), upload.disks, processing, link.latencyMs, perDiskLimitBytesPerS(d, policy.highChurn)),
      );
      const a2aVm = new A2aVm(vm, disks, upload, cx.observer.pointsOf(vm.id), sim, (v, alert) => {
        if (v.state === 'protected') this.setAlert(v, alert, true);
      });
      this.vmById.set(id, a2aVm);
      return a2aVm;
    });
    // Points: one scope per multi-VM group, one per other VM.
    const delayMs = policy.processingDelayMs;
    const grouped = new Set(policy.multiVmGroups.flat());
    policy.multiVmGroups.forEach((ids, g) => this.addScope(`${spec.id}/group-${g + 1}`, ids.map((id) => this.vmById.get(id)!), delayMs));
    for (const v of this.vms) if (!grouped.has(v.id)) this.addScope(v.id, [v], delayMs);
    this.targetResources = {
      resourceGroup: `${spec.to}-asr-rg`,
      vnet: `${spec.to}-asr-vnet`,
      cacheStorageAccount: `${spec.from}asrcache`,
      availabilitySet: `${spec.to}-asr-avset`,
      replicaDisks: this.vms.flatMap((v) => v.disks.map((d) => `${d.key}-asrreplica`)),
    };
  }

  vm(id: string): A2aVm | undefined {
    return this.vmById.get(id);
  }

  private addScope(id: string, vms: A2aVm[], delayMs: number): void {
    const disks = vms.flatMap((v) => v.disks);
    const scope = new RecoveryPointScope(this.cx.sim, id, disks, delayMs, this.checkBatch);
    for (const d of disks) {
      d.onAppliedChange = (faster) => scope.progressChanged(faster);
      d.appliedHistoryMs = delayMs;
    }
    for (const v of vms) v.scope = scope;
    const word = this.cx.log.word(id);
    scope.onAvailable = (point) => this.pointAvailable(scope, vms, word, point);
    this.scopes.push(scope);
    this.scopeMembers.push(vms);
  }

  /** Schedules enabling at `startAt` and the replication's clocks. */
  start(): void {
    const { sim } = this.cx;
    sim.at(this.spec.startAtMs, () => this.enable());
  }

  private setState(v: A2aVm, state: ProtectionState): void {
    v.state = state;
    this.cx.log.record(this.cx.sim.now, 'state', v.id, state);
    this.cx.observer.vmState(v.id, state, this.cx.sim.now);
  }

  private enable(): void {
    const { sim, log } = this.cx;
    const r = this.targetResources;
    log.record(sim.now, 'enable', this.spec.id, `target-rg=${r.resourceGroup} vnet=${r.vnet} cache=${r.cacheStorageAccount} avset=${r.availabilitySet}`);
    for (const v of this.vms) {
      this.setState(v, 'enabling');
      this.setState(v, 'initial-replication');
      v.irStartedAtMs = sim.now;
      let left = v.disks.length;
      for (const d of v.disks) {
        log.record(sim.now, 'ir-start', d.key, `bytes=${d.churn.disk.usedBytes} limit=${canonicalNumber(d.limitBytesPerS)}`);
        d.startInitialCopy(() => {
          log.record(sim.now, 'ir-done', d.key);
          if (--left === 0) this.initialReplicationDone(v);
        });
      }
    }
    const start = this.spec.startAtMs;
    sim.at(start + CRASH_INTERVAL_MS, () => this.crashTick());
    const app = this.spec.policy.appConsistentEveryMs;
    if (app !== null) sim.at(start + app, () => this.appTick(app));
    sim.at(start + LIMIT_WINDOW_MS, () => this.limitWindowTick());
    sim.at(start + PRUNE_EVERY_MS, () => this.pruneTick());
  }

  private initialReplicationDone(v: A2aVm): void {
    const { sim } = this.cx;
    v.irCompletedAtMs = sim.now;
    v.firstIrDurationMs ??= sim.now - (v.irStartedAtMs ?? sim.now);
    this.setState(v, 'protected');
    this.armTimer(v, v.noPointAlert, sim.now + NO_POINT_ALERT_MS);
    this.updateHealth(v);
  }

  /** A scope (its VMs) cuts points once every VM in it has finished its initial replication, while its source is up. */
  private cutsPoints(vms: A2aVm[]): boolean {
    const now = this.cx.sim.now;
    for (const v of vms) if (v.state !== 'protected' || v.irCompletedAtMs === null || v.irCompletedAtMs >= now) return false;
    return this.isRegionUp(this.sourceOf(vms[0]));
  }

  /** Every scope that can cuts a point now (the VMs of `scopes[i]` are `scopeMembers[i]`). */
  private cutEvery(consistency: Consistency): void {
    for (let i = 0; i < this.scopes.length; i++) if (this.cutsPoints(this.scopeMembers[i])) this.scopes[i].cut(consistency);
  }

  /** The region a VM replicates from now, and the one it replicates to. */
  sourceOf(v: A2aVm): string {
    return v.reversed ? this.spec.to : this.spec.from;
  }

  targetOf(v: A2aVm): string {
    return v.reversed ? this.spec.from : this.spec.to;
  }

  isRegionUp(site: string): boolean {
    return this.regionUp.get(site) ?? true;
  }

  private crashTick(): void {
    this.cutEvery('crash');
    this.cx.sim.after(CRASH_INTERVAL_MS, () => this.crashTick());
  }

  private appTick(everyMs: number): void {
    this.cutEvery('app');
    this.cx.sim.after(everyMs, () => this.appTick(everyMs));
  }

  private pruneTick(): void {
    const rule = azurePruningRule(this.spec.policy.retentionMs);
    for (const scope of this.scopes) scope.prune(rule);
    this.cx.sim.after(PRUNE_EVERY_MS, () => this.pruneTick());
  }

  /** Prunes at the end of the run so `retainedAtEnd` follows the retention rules. */
  finalPrune(): void {
    const rule = azurePruningRule(this.spec.policy.retentionMs);
    for (const scope of this.scopes) scope.prune(rule);
  }

  /** Logs a disk whose churn averaged over the last 15 minutes exceeded its limit. */
  private limitWindowTick(): void {
    const { sim, log } = this.cx;
    const now = sim.now;
    for (const v of this.vms) {
      for (const d of v.disks) {
        const written = d.churn.written;
        const avg = ((written.valueAt(now) - written.valueAt(now - LIMIT_WINDOW_MS)) * 1000) / LIMIT_WINDOW_MS;
        if (avg > d.limitBytesPerS * (1 + 1e-9)) {
          v.limitExceededEvents++;
          log.record(now, 'limit-exceeded', d.key, `avg=${canonicalNumber(avg)} limit=${canonicalNumber(d.limitBytesPerS)}`);
        }
        // Keep the write history the next window, the lag lookups and a failover's data loss
        // (bytes written since the oldest retained point) need.
        const oldestPointMs = v.scope.available.length > 0 ? v.scope.available[0].timeMs : Infinity;
        d.churn.historyNeededFromMs = Math.min(now - LIMIT_WINDOW_MS, this.oldestUnappliedWriteMs(d), oldestPointMs);
      }
    }
    sim.after(LIMIT_WINDOW_MS, () => this.limitWindowTick());
  }

  private oldestUnappliedWriteMs(d: A2aDiskPipeline): number {
    return d.churn.written.timeAt(d.appliedNow());
  }

  /** Replication lag of a VM now: the age of its oldest byte not yet applied (0 when none). */
  lagMs(v: A2aVm): number {
    const now = this.cx.sim.now;
    let lag = 0;
    for (const d of v.disks) {
      const applied = d.appliedNow();
      if (applied >= d.churn.written.valueAt(now) - 1) continue;
      lag = Math.max(lag, now - d.churn.written.timeAt(applied));
    }
    return lag;
  }

  private pointAvailable(scope: RecoveryPointScope, vms: A2aVm[], scopeWord: LogWord, point: RecoveryPoint): void {
    const { sim } = this.cx;
    this.pointLines.available(sim.now, scopeWord, point);
    const waiters = this.latestWaiters.size > 0 ? this.latestWaiters.get(scope) : undefined;
    if (waiters) {
      const ready = waiters.filter((w) => point.timeMs >= w.timeMs);
      if (ready.length > 0) {
        const rest = waiters.filter((w) => point.timeMs < w.timeMs);
        if (rest.length > 0) this.latestWaiters.set(scope, rest);
        else this.latestWaiters.delete(scope);
        for (const w of ready) w.resolve(point);
      }
    }
    for (const v of vms) {
      if (v.state !== 'protected') continue;
      v.points.pointAvailable(point, sim.now);
      this.armTimer(v, v.rpoAlert, point.timeMs + this.spec.rpoThresholdMs + 1);
      this.armTimer(v, v.noPointAlert, point.timeMs + NO_POINT_ALERT_MS + 1);
    }
  }

  /** (Re)arms an alert to fire at `atMs` unless re-armed first; clears it if it was active. */
  private armTimer(v: A2aVm, alert: VmAlert, atMs: number): void {
    if (alert.active && atMs > this.cx.sim.now) this.setAlert(v, alert, false);
    alert.arm(atMs);
  }

  private setAlert(v: A2aVm, alert: VmAlert, raised: boolean): void {
    if (raised === alert.active) return;
    alert.active = raised;
    if (raised) alert.raisedOrder = ++this.raises;
    this.cx.log.record(this.cx.sim.now, raised ? 'alert' : 'alert-cleared', v.id, alert.kind);
    this.cx.observer.alert(v.id, alert.kind, raised, this.cx.sim.now);
    this.updateHealth(v);
  }

  /** [drsim] A2A health: critical when no point for 60 min or a region is down, warning over the RPO threshold. */
  private updateHealth(v: A2aVm): void {
    let health: Health = 'normal';
    if (v.noPointAlert.active || !this.isRegionUp(this.sourceOf(v)) || !this.isRegionUp(this.targetOf(v))) health = 'critical';
    else if (v.rpoAlert.active) health = 'warning';
    if (health === v.health) return;
    v.health = health;
    this.cx.log.record(this.cx.sim.now, 'health', v.id, health);
    this.cx.observer.health(v.id, health, this.cx.sim.now);
  }

  /** A region went down or came back (its cache account / replica disks with it). */
  setRegionUp(siteId: string, up: boolean): void {
    if (!this.regionUp.has(siteId)) return;
    this.regionUp.set(siteId, up);
    for (const v of this.vms) {
      const source = this.isRegionUp(this.sourceOf(v));
      const target = this.isRegionUp(this.targetOf(v));
      for (const d of v.disks) d.setReachable(source, target);
      this.updateHealth(v);
    }
  }

  /** `throttle`: the cache account's throughput from now (null restores the policy's). */
  setCacheThroughput(bytesPerS: number | null): void {
    this.cache.capacityBytesPerS = bytesPerS ?? this.spec.policy.cacheThroughputBytesPerS;
  }

  // ── Failover operations (driven by the orchestrator, model.md § 2 "After failover") ──

  /** The VMs failing over together with `v` (its multi-VM group), `v` included. */
  scopeMatesOf(v: A2aVm): A2aVm[] {
    const i = this.scopes.indexOf(v.scope);
    return i >= 0 ? this.scopeMembers[i] : [v];
  }

  /**
   * `latest`: cuts a point now and calls back once it is available, i.e. once everything
   * already in the cache has been processed into the replica disks.
   */
  cutLatest(v: A2aVm, resolve: (point: RecoveryPoint) => void): void {
    const now = this.cx.sim.now;
    const waiters = this.latestWaiters.get(v.scope) ?? [];
    if (waiters.length === 0) v.scope.cut('crash');
    waiters.push({ timeMs: now, resolve });
    this.latestWaiters.set(v.scope, waiters);
  }

  /** Failover begins: the VM is no longer protected (its alerts stop), points are kept. */
  beginFailover(v: A2aVm): void {
    const alerts = [v.rpoAlert, v.noPointAlert].sort((a, b) => a.raisedOrder - b.raisedOrder);
    for (const alert of alerts) {
      alert.disarm();
      this.setAlert(v, alert, false);
    }
    this.setState(v, 'failing-over');
  }

  /** Replication of the VM stops (its recovery point is chosen): the pipelines drain no more. */
  stopReplication(v: A2aVm): void {
    for (const d of v.disks) d.stop();
    v.scope.dropPending();
    this.latestWaiters.delete(v.scope);
  }

  /** The VM runs in the other region now, unprotected. */
  completeFailover(v: A2aVm): void {
    this.setState(v, 'failed-over');
  }

  /** `commit`: the recovery points are deleted. */
  commit(v: A2aVm): void {
    v.scope.clear();
    this.setState(v, 'committed');
  }

  /**
   * `reprotect`: replication in the other direction. `copyBytes[i]` is what disk i must copy
   * first (the differences, or the whole disk), after `checksumMs` (a differential sync's
   * checksum pass, 0 for a full copy); then the VM is protected in the new direction.
   */
  reprotect(v: A2aVm, copyBytes: number[], checksumMs: number, onProtected: () => void): void {
    const { sim, log } = this.cx;
    v.reversed = !v.reversed;
    this.setState(v, 'reprotecting');
    v.scope.clear();
    const cache = v.reversed ? (this.reverseCache ??= new SharedCapacity(sim, this.spec.policy.cacheThroughputBytesPerS, `${this.spec.id}/reverse-cache`)) : this.cache;
    v.upload = new VmUpload(sim, cache, perVmLimitBytesPerS(this.spec.policy.highChurn), `${v.id}/upload-${v.reversed ? 'reverse' : 'forward'}`);
    const link = this.cx.link.from(this.sourceOf(v));
    sim.after(checksumMs, () => {
      let left = v.disks.length;
      const source = this.isRegionUp(this.sourceOf(v));
      const target = this.isRegionUp(this.targetOf(v));
      v.irStartedAtMs = sim.now;
      v.disks.forEach((d, i) => {
        log.record(sim.now, 'reprotect-copy', d.key, `bytes=${canonicalNumber(copyBytes[i])} to=${this.targetOf(v)}`);
        d.restart(v.upload.disks, link, copyBytes[i], () => {
          if (--left > 0) return;
          v.irCompletedAtMs = sim.now;
          this.setState(v, 'protected');
          this.armTimer(v, v.noPointAlert, sim.now + NO_POINT_ALERT_MS);
          this.updateHealth(v);
          onProtected();
        });
        d.setReachable(source, target);
      });
    });
  }
}
