// Operator actions (model.md § 2 "After failover", § 3 "Failover", § 4 recovery plans):
// failover, test failover, planned failover, commit, reprotect and failback of a VM or a
// recovery plan, each a job run as a kernel process. An action that is illegal when asked
// (wrong protection state, vault or VMM server out, link down) becomes a failed job with a
// reason, in the results and the event log, and the run goes on.
import { allOf, canonicalNumber, Process, Signal, timeout, type EventLog, type ProcessBody, type Simulator, type Waitable } from '../kernel';
import type { PlanAction, RecoveryPlan, RecoveryPointChoice, Scenario, ScenarioEvent } from '../scenario';
import type { A2aReplication, A2aVm } from './a2a-replication';
import type { HyperVReplica, HyperVVm } from './hyperv-replica';
import type { Job, JobKind } from './jobs';
import type { RecoveryPoint } from './recovery-points';

/** Creating a VM in the target region, before it boots (model.md § 2) [drsim]. */
export const VM_CREATION_MS = 3 * 60_000;
/** A test failover's VMs are cleaned up after `lasting`, or after 2 weeks [doc]. */
export const TEST_FAILOVER_CLEANUP_MS = 14 * 86_400_000;

type ActionEvent = Extract<ScenarioEvent, { action: JobKind }>;

/** One VM under the orchestrator: its replication, whichever the type. */
type Member =
  | { id: string; kind: 'a2a'; r: A2aReplication; v: A2aVm }
  | { id: string; kind: 'hyperv'; r: HyperVReplica; v: HyperVVm };

interface Group {
  members: Member[];
  before: PlanAction[];
  after: PlanAction[];
}

/** What the orchestrator needs of the model (DrModel implements it). */
export interface OrchestrationContext {
  readonly sim: Simulator;
  readonly log: EventLog;
  readonly scenario: Scenario;
  readonly a2a: A2aReplication[];
  readonly hyperv: HyperVReplica[];
  readonly vaultUp: boolean;
  isVmmUp(site: string): boolean;
  /** Whether the VM writes now, and when it last stopped. */
  vmRunning(id: string): { running: boolean; stoppedAtMs: number | null; site: string };
  /** Moves a VM to `site`, shut down (`booted` false) or running. */
  placeVm(id: string, site: string, booted: boolean): void;
  writtenBytesAt(id: string, timeMs: number): number;
  diskWrittenAt(id: string, disk: number, timeMs: number): number;
}

/** What the VM's last failover used: the reprotect's differences are written since then. */
interface FailoverMark {
  pointMs: number;
}

export class Orchestrator {
  readonly jobs: Job[] = [];
  private readonly marks = new Map<string, FailoverMark>();

  constructor(private readonly cx: OrchestrationContext) {}

  /** Schedules every operator action of the scenario. */
  start(): void {
    for (const e of this.cx.scenario.events) {
      if (e.action === 'outage' || e.action === 'degrade' || e.action === 'throttle' || e.action === 'churn') continue;
      const event = e as ActionEvent;
      this.cx.sim.at(event.atMs, () => this.request(event));
    }
  }

  private get sim(): Simulator {
    return this.cx.sim;
  }

  private request(event: ActionEvent): void {
    const now = this.sim.now;
    const job: Job = { kind: event.action, target: event.target, requestedAtMs: now, completedAtMs: null, ok: false, reason: null };
    this.jobs.push(job);
    this.cx.log.record(now, 'job', event.target, event.action);
    const groups = this.resolve(event.target);
    if (typeof groups === 'string') return this.fail(job, groups);
    const members = groups.flatMap((g) => g.members);
    const illegal = this.illegal(event, members);
    if (illegal) return this.fail(job, illegal);
    let body: ProcessBody<void>;
    switch (event.action) {
      case 'failover':
        body = this.failover(job, groups, event.recoveryPoint);
        break;
      case 'failback':
        body = members[0].kind === 'a2a' ? this.failover(job, groups, { kind: 'latest' }) : this.planned(job, groups);
        break;
      case 'plannedFailover':
        body = this.planned(job, groups);
        break;
      case 'testFailover':
        body = this.testFailover(job, groups, event.recoveryPoint, event.lastingMs);
        break;
      case 'commit':
        // Instant: done now, so an action asked for at the same instant sees it committed.
        this.commit(job, members);
        return;
      case 'reprotect':
        body = this.reprotect(job, members);
        break;
    }
    new Process(this.sim, body, `${event.action} ${event.target}`);
  }

  private fail(job: Job, reason: string): void {
    job.ok = false;
    job.reason = reason;
    job.completedAtMs = this.sim.now;
    this.cx.log.record(this.sim.now, 'job-failed', job.target, `${job.kind}: ${reason}`);
  }

  private complete(job: Job): void {
    job.ok = true;
    job.completedAtMs = this.sim.now;
    this.cx.log.record(this.sim.now, 'job-done', job.target, job.kind);
  }

  // ── Targets ──

  private member(id: string): Member | null {
    for (const r of this.cx.a2a) {
      const v = r.vm(id);
      if (v) return { id, kind: 'a2a', r, v };
    }
    for (const r of this.cx.hyperv) {
      const v = r.vm(id);
      if (v) return { id, kind: 'hyperv', r, v };
    }
    return null;
  }

  /** A plan's groups, or a VM as a one-group plan; multi-VM groups are kept together. */
  private resolve(target: string): Group[] | string {
    const plan: RecoveryPlan | undefined = this.cx.scenario.recoveryPlans.find((p) => p.id === target);
    const raw = plan ? plan.groups : [{ vms: [target], before: [], after: [] }];
    const placed = new Set<string>();
    const groups: Group[] = [];
    for (const g of raw) {
      const members: Member[] = [];
      for (const id of g.vms) {
        const m = this.member(id);
        if (!m) return `${id} is not replicated`;
        // A multi-VM group fails over together, in the group where its first member is.
        const mates = m.kind === 'a2a' ? m.r.scopeMatesOf(m.v).map((v) => v.id) : [id];
        for (const mateId of mates) {
          if (placed.has(mateId)) continue;
          placed.add(mateId);
          members.push(this.member(mateId)!);
        }
      }
      groups.push({ members, before: g.before, after: g.after });
    }
    const members = groups.flatMap((g) => g.members);
    if (new Set(members.map((m) => m.kind)).size > 1) return 'a plan mixes azure-to-azure and hyperv-to-vmm VMs';
    return groups;
  }

  // ── Legality ──

  private sourceOf(m: Member): string {
    return m.kind === 'a2a' ? m.r.sourceOf(m.v) : m.r.sourceOf(m.v);
  }

  private targetOf(m: Member): string {
    return m.kind === 'a2a' ? m.r.targetOf(m.v) : m.r.targetOf(m.v);
  }

  private illegal(event: ActionEvent, members: Member[]): string | null {
    if (!this.cx.vaultUp) return 'the Recovery Services vault is unavailable';
    for (const m of members) {
      const state = m.v.state;
      const why = this.illegalFor(event, m, state);
      if (why) return `${m.id}: ${why}`;
    }
    return null;
  }

  private illegalFor(event: ActionEvent, m: Member, state: string): string | null {
    const hv = m.kind === 'hyperv';
    if (hv) {
      for (const site of [m.r.spec.from, m.r.spec.to]) if (!this.cx.isVmmUp(site)) return `the VMM server of ${site} is unavailable`;
    }
    const needsPoint = (choice: RecoveryPointChoice): string | null => {
      if (choice.kind === 'latest' && m.kind === 'a2a' && m.r.isRegionUp(m.r.sourceOf(m.v))) return null;
      const point = m.v.scope.newestFor(choice.kind === 'latest' ? { kind: 'latest-processed' } : choice);
      return point ? null : `no ${choice.kind === 'latest-app-consistent' ? 'app-consistent ' : ''}recovery point available`;
    };
    switch (event.action) {
      case 'failover':
        if (state !== 'protected' && !(hv && state === 'resync')) return `is ${state}, not protected`;
        return needsPoint(event.recoveryPoint);
      case 'testFailover':
        if (state !== 'protected') return `is ${state}, not protected${state === 'resync' ? ' (test failover is refused during resync)' : ''}`;
        return needsPoint(event.recoveryPoint);
      case 'plannedFailover':
      case 'failback':
        if (event.action === 'plannedFailover' && !hv) return 'planned failover is for hyperv-to-vmm replication';
        if (state !== 'protected') return `is ${state}, not protected`;
        if (event.action === 'failback' && !m.v.reversed) return 'is not protected in the reverse direction (reprotect first)';
        if (m.kind === 'hyperv' && !m.r.canSendFor(m.v)) return 'cannot send its logs (the source site or the link is down)';
        if (!hv) return needsPoint({ kind: 'latest' });
        return null;
      case 'commit':
        return state === 'failed-over' ? null : `is ${state}: commit needs a failover first`;
      case 'reprotect':
        return state === 'committed' ? null : `is ${state}: reprotect needs a committed failover`;
    }
  }

  // ── Jobs ──

  private *actions(actions: PlanAction[], plan: string): Generator<Waitable, void, unknown> {
    for (const a of actions) {
      this.cx.log.record(this.sim.now, 'plan-action', plan, `${a.kind} "${a.text}" duration=${a.durationMs}`);
      yield timeout(a.durationMs);
    }
  }

  /** Records a VM's data loss: the source stopped writing at `stopMs`, the point is T. */
  private recordLoss(job: Job, m: Member, point: RecoveryPoint, stopMs: number, upAtMs: number | null): void {
    const lossMs = Math.max(0, stopMs - point.timeMs);
    const lossBytes = Math.max(0, this.cx.writtenBytesAt(m.id, stopMs) - this.cx.writtenBytesAt(m.id, point.timeMs));
    job.vms ??= {};
    job.vms[m.id] = { upAtMs, dataLossMs: lossMs };
    if (job.dataLossMs === undefined || job.dataLossMs === null || lossMs > job.dataLossMs) {
      job.dataLossMs = lossMs;
      job.recoveryPoint = { timeMs: point.timeMs, consistency: point.consistency };
    }
    job.dataLossBytes = (job.dataLossBytes ?? 0) + lossBytes;
  }

  private finishFailover(job: Job): void {
    const ups = Object.values(job.vms ?? {}).map((v) => v.upAtMs ?? job.requestedAtMs);
    job.rtoMs = Math.max(0, ...ups) - job.requestedAtMs;
    this.complete(job);
  }

  /**
   * Unplanned failover (and A2A failback): the source VMs stop, each VM's point is chosen
   * (`latest` first processes the cache, unless its region is down: then latest-processed,
   * said in the job's reason), then group by group the VMs are created and boot in the target.
   */
  private *failover(job: Job, groups: Group[], choice: RecoveryPointChoice): Generator<Waitable, void, unknown> {
    const req = this.sim.now;
    const members = groups.flatMap((g) => g.members);
    const stopMs = new Map<string, number>();
    const points = new Map<string, RecoveryPoint | Signal<RecoveryPoint>>();
    for (const m of members) {
      const vm = this.cx.vmRunning(m.id);
      stopMs.set(m.id, vm.running ? req : (vm.stoppedAtMs ?? req));
      this.cx.placeVm(m.id, vm.site, false);
    }
    for (const m of members) {
      if (m.kind === 'a2a') {
        m.r.beginFailover(m.v);
        if (choice.kind === 'latest' && m.r.isRegionUp(m.r.sourceOf(m.v))) {
          const signal = new Signal<RecoveryPoint>(this.sim);
          m.r.cutLatest(m.v, (p) => signal.fire(p));
          points.set(m.id, signal);
          continue;
        }
        if (choice.kind === 'latest' && job.reason === null) {
          job.reason = `latest: the cache account's region ${m.r.sourceOf(m.v)} is down, used latest-processed`;
          this.cx.log.record(req, 'job-note', job.target, job.reason);
        }
        points.set(m.id, m.v.scope.newestFor(choice.kind === 'latest' ? { kind: 'latest-processed' } : choice)!);
        m.r.stopReplication(m.v);
      } else {
        points.set(m.id, m.v.scope.newestFor(choice.kind === 'latest' ? { kind: 'latest-processed' } : choice)!);
        m.r.beginUnplannedFailover(m.v);
      }
    }
    for (const [i, g] of groups.entries()) {
      yield* this.actions(g.before, job.target);
      this.cx.log.record(this.sim.now, 'plan-group', job.target, `group=${i + 1}/${groups.length} vms=${g.members.length}`);
      const vms = g.members.map((m) => new Process(this.sim, this.failoverVm(job, m, points.get(m.id)!, stopMs.get(m.id)!), `failover ${m.id}`));
      yield allOf(vms);
      yield* this.actions(g.after, job.target);
    }
    this.finishFailover(job);
    // A failback ends where the VMs started: committed there, ready to reprotect.
    if (job.kind === 'failback') for (const m of members) if (m.kind === 'a2a') m.r.commit(m.v);
  }

  private *failoverVm(job: Job, m: Member, pointOrSignal: RecoveryPoint | Signal<RecoveryPoint>, stopMs: number): Generator<Waitable, void, unknown> {
    let point: RecoveryPoint;
    if (pointOrSignal instanceof Signal) {
      point = (yield pointOrSignal) as RecoveryPoint;
      if (m.kind === 'a2a') m.r.stopReplication(m.v);
    } else point = pointOrSignal;
    const target = this.targetOf(m);
    const create = m.kind === 'a2a' ? VM_CREATION_MS : 0;
    this.cx.log.record(this.sim.now, 'vm-create', m.id, `site=${target} point=${point.timeMs} ${point.consistency}`);
    yield timeout(create + m.v.vm.bootTimeMs);
    this.cx.placeVm(m.id, target, true);
    if (m.kind === 'a2a') m.r.completeFailover(m.v);
    else m.r.completeFailover(m.v);
    this.marks.set(m.id, { pointMs: point.timeMs });
    this.cx.log.record(this.sim.now, 'vm-up', m.id, `site=${target}`);
    this.recordLoss(job, m, point, stopMs, this.sim.now);
  }

  /**
   * Hyper-V planned failover (and failback): group by group the source VMs shut down, their
   * remaining logs are sent and applied, the replicas boot, and replication is reversed: no
   * data is lost and the VMs stay protected.
   */
  private *planned(job: Job, groups: Group[]): Generator<Waitable, void, unknown> {
    for (const [i, g] of groups.entries()) {
      yield* this.actions(g.before, job.target);
      this.cx.log.record(this.sim.now, 'plan-group', job.target, `group=${i + 1}/${groups.length} vms=${g.members.length}`);
      const vms = g.members.map((m) => new Process(this.sim, this.plannedVm(job, m), `planned failover ${m.id}`));
      yield allOf(vms);
      yield* this.actions(g.after, job.target);
    }
    this.finishFailover(job);
  }

  private *plannedVm(job: Job, m: Member): Generator<Waitable, void, unknown> {
    if (m.kind !== 'hyperv') return;
    const vm = this.cx.vmRunning(m.id);
    const stopMs = vm.running ? this.sim.now : (vm.stoppedAtMs ?? this.sim.now);
    this.cx.placeVm(m.id, vm.site, false);
    const applied = new Signal<void>(this.sim);
    m.r.beginPlannedFailover(m.v, () => applied.fire());
    yield applied;
    const point = m.v.scope.newest()!;
    const target = this.targetOf(m);
    this.cx.log.record(this.sim.now, 'vm-create', m.id, `site=${target} point=${point.timeMs} ${point.consistency}`);
    yield timeout(m.v.vm.bootTimeMs);
    this.cx.placeVm(m.id, target, true);
    m.r.reverseAfterPlanned(m.v);
    this.marks.set(m.id, { pointMs: point.timeMs });
    this.cx.log.record(this.sim.now, 'vm-up', m.id, `site=${target}`);
    this.recordLoss(job, m, point, stopMs, this.sim.now);
  }

  /** Test failover: VMs created from a point in an isolated network; replication goes on. */
  private *testFailover(job: Job, groups: Group[], choice: RecoveryPointChoice, lastingMs: number | null): Generator<Waitable, void, unknown> {
    const chosen = new Map<string, RecoveryPoint>();
    for (const m of groups.flatMap((g) => g.members)) {
      // `latest` would process the cache first; a test failover uses the newest processed point.
      chosen.set(m.id, m.v.scope.newestFor(choice.kind === 'latest' ? { kind: 'latest-processed' } : choice)!);
    }
    job.vms = {};
    for (const [i, g] of groups.entries()) {
      yield* this.actions(g.before, job.target);
      this.cx.log.record(this.sim.now, 'plan-group', job.target, `group=${i + 1}/${groups.length} vms=${g.members.length} test`);
      const vms = g.members.map((m) =>
        new Process(this.sim, (function* (self: Orchestrator) {
          const point = chosen.get(m.id)!;
          self.cx.log.record(self.sim.now, 'test-vm-create', m.id, `point=${point.timeMs} ${point.consistency}`);
          yield timeout((m.kind === 'a2a' ? VM_CREATION_MS : 0) + m.v.vm.bootTimeMs);
          self.cx.log.record(self.sim.now, 'test-vm-up', m.id, 'isolated network');
          job.vms![m.id] = { upAtMs: self.sim.now, dataLossMs: null };
        })(this)),
      );
      yield allOf(vms);
      yield* this.actions(g.after, job.target);
    }
    const first = chosen.values().next().value;
    job.recoveryPoint = first ? { timeMs: first.timeMs, consistency: first.consistency } : null;
    job.dataLossMs = null;
    job.dataLossBytes = null;
    job.rtoMs = this.sim.now - job.requestedAtMs;
    this.complete(job);
    const cleanupAt = job.requestedAtMs + (lastingMs ?? TEST_FAILOVER_CLEANUP_MS);
    if (cleanupAt <= this.cx.scenario.durationMs) {
      this.sim.at(Math.max(this.sim.now, cleanupAt), () => this.cx.log.record(this.sim.now, 'test-cleanup', job.target, `vms=${Object.keys(job.vms!).length}`));
    }
  }

  private commit(job: Job, members: Member[]): void {
    for (const m of members) {
      if (m.kind === 'a2a') m.r.commit(m.v);
      else m.r.commit(m.v);
    }
    this.complete(job);
  }

  /**
   * Reprotect: replication in the other direction. If the other side's disks exist (its
   * region or site is up): a differential sync, i.e. a checksum pass (A2A: as long as the
   * first initial replication took; Hyper-V: a block compare) then the bytes written since
   * the failover's point; otherwise a full copy.
   */
  private *reprotect(job: Job, members: Member[]): Generator<Waitable, void, unknown> {
    const now = this.sim.now;
    const done: Signal<void>[] = [];
    for (const m of members) {
      const signal = new Signal<void>(this.sim);
      done.push(signal);
      const newTarget = this.sourceOf(m); // the side the VM came from
      const mark = this.marks.get(m.id);
      const disks = m.v.vm.disks;
      const siteUp = m.kind === 'a2a' ? m.r.isRegionUp(newTarget) : m.r.isSiteUp(newTarget);
      const differential = siteUp && mark !== undefined;
      const copy = disks.map((d, i) =>
        differential ? Math.min(d.sizeBytes, Math.max(0, this.cx.diskWrittenAt(m.id, i, now) - this.cx.diskWrittenAt(m.id, i, mark.pointMs))) : d.usedBytes,
      );
      this.cx.log.record(now, 'reprotect', m.id, `${differential ? 'differential' : 'full'} bytes=${canonicalNumber(copy.reduce((a, b) => a + b, 0))} to=${newTarget}`);
      if (m.kind === 'a2a') {
        m.r.reprotect(m.v, copy, differential ? (m.v.firstIrDurationMs ?? 0) : 0, () => signal.fire());
      } else {
        const compareMs = differential ? Math.ceil((Math.max(...disks.map((d) => d.sizeBytes)) * 1000) / m.r.spec.policy.resyncCompareRateBytesPerS) : 0;
        m.r.reprotect(m.v, copy.reduce((a, b) => a + b, 0), compareMs, () => signal.fire());
      }
    }
    yield allOf(done);
    this.complete(job);
  }
}
