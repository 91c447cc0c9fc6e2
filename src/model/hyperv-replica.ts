// Hyper-V Replica from a VMM site to a secondary one (model.md § 3): initial replication from
// a snapshot (VHDs one by one, or offline, or existing), `.hrl` logs closed and sent each
// cycle, missed cycles, apply on the replica host, recovery points, health, and resync.
import { canonicalNumber, IntDetailShape, RepeatedDetail, type LogWord, type Simulator } from '../kernel';
import type { Replication, Vm } from '../scenario';
import type { DiskChurn } from './disk-churn';
import { CycleWindow } from './cycle-window';
import { DeadlineTimer } from './deadline-timer';
import { Fifo } from './fifo';
import type { Health, ProtectionState } from './protection-state';
import { PointLines, RecoveryPointScope, type Consistency, type PruningRule } from './recovery-points';
import type { ReplicationContext } from './replication-context';
import { SharedCapacity } from './shared-capacity';
import { Transfer } from './transfer';

type HyperVSpec = Extract<Replication, { type: 'hyperv-to-vmm' }>;

const HOUR = 3_600_000;
const WARNING_MISSED_FRACTION = 0.2;
const WARNING_NO_SEND_MS = HOUR;
/** The shapes of a log-send line: `log=BYTES sent=BYTES crash` or `... app`. */
const LOG_SEND_TEXT = { crash: new IntDetailShape(['log=', ' sent=', ' crash']), app: new IntDetailShape(['log=', ' sent=', ' app']) };

interface LogShipment {
  closeMs: number;
  consistency: Consistency;
  /** Uncompressed bytes (what the replica merges). */
  logBytes: number;
  /** The last log of a planned failover. */
  final: boolean;
  /** W of each disk when the log was closed: what the replica holds once it is merged. */
  readonly writtenAtClose: Float64Array;
}

export class HyperVVm {
  state: ProtectionState = 'unprotected';
  health: Health = 'normal';
  readonly scope: RecoveryPointScope;
  irStartedAtMs: number | null = null;
  irCompletedAtMs: number | null = null;
  /** W of each disk when its log was last closed (the log holds what was written since). */
  readonly logBase: Float64Array;
  sending: Transfer | null = null;
  /** The last log send and log apply, reused by the next ones (`sending` / `applying` while under way). */
  logLeg: Transfer | null = null;
  applyLeg: Transfer | null = null;
  /** The log being sent (with `sending`). */
  inFlight: LogShipment | null = null;
  /** A merged log's record, reused by the next log closed. */
  spareShipment: LogShipment | null = null;
  /** Completion callbacks of a log's send and of its apply, made once per VM. */
  logSent: () => void = () => {};
  logApplied: () => void = () => {};
  sendMissedCycle = false;
  /** Apply jobs wait here in order; the head is being merged. */
  readonly applyQueue = new Fifo<LogShipment>();
  applying: Transfer | null = null;
  /** Cycle outcomes within the monitoring interval. */
  readonly cycles = new CycleWindow();
  lastSendMs: number | null = null;
  /** W of each disk at the newest applied point (what the replica holds). */
  readonly appliedW: Float64Array;
  appliedAtPointMs: number | null = null;
  /** Bytes of transfers that finished or were abandoned; `sentBytes` adds the one in flight. */
  settledSentBytes = 0;
  peakLogBytes = 0;
  resyncs = 0;
  missedCycles = 0;
  resyncEvent = -1;
  resyncWakeMs = Infinity;
  /** Health re-evaluation when nothing has been sent for the warning span. */
  warningTimer: DeadlineTimer | null = null;
  crashed = false;
  /** A resync's compare or send is under way. */
  resyncRunning = false;
  /** VHDs of the initial replication fully sent, and the VHD bytes a resync must still send. */
  vhdsSent = 0;
  missingVhdBytes = 0;
  /** Replicating from the replica site back to the primary (after a planned failover or reprotect). */
  reversed = false;
  /** A planned failover waits for the last log to be applied; called then. */
  finalApplied: (() => void) | null = null;
  /** The final log of a planned failover has been closed. */
  finalClosed = false;
  readonly vhdBytes: number;

  /** Bytes put on the link so far, the transfer in flight included. */
  get sentBytes(): number {
    return this.settledSentBytes + (this.sending ? this.sending.sentBytes : 0);
  }

  constructor(
    readonly vm: Vm,
    readonly disks: DiskChurn[],
    public applyCapacity: SharedCapacity,
    private readonly sim: Simulator,
    /** Its id as the subject of its log lines (three every cycle). */
    readonly word: LogWord,
  ) {
    this.scope = new RecoveryPointScope(sim, vm.id, [], 0);
    this.logBase = new Float64Array(disks.length);
    this.appliedW = new Float64Array(disks.length);
    this.vhdBytes = vm.disks.reduce((sum, d) => sum + d.sizeBytes, 0);
  }

  get id(): string {
    return this.vm.id;
  }

  logBytesAt(nowMs: number): number {
    let sum = 0;
    for (let i = 0; i < this.disks.length; i++) sum += this.disks[i].written.valueAt(nowMs) - this.logBase[i];
    return sum;
  }

  /** What the VM writes now, bytes/s (every disk). */
  get churnBytesPerS(): number {
    let sum = 0;
    for (const d of this.disks) sum += d.effectiveRateBytesPerS;
    return sum;
  }

  /** Bytes written since its log was last closed, now. */
  get backlogBytes(): number {
    return this.logBytesAt(this.sim.now);
  }

  /** The rate its log is being sent at now, bytes/s. */
  get throughputBytesPerS(): number {
    return this.sending?.rateBytesPerS ?? 0;
  }
}

export interface HyperVContext extends ReplicationContext {
  /** Hyper-V hosts at the replica site, and at the primary (applying once reversed). */
  targetHosts: number;
  sourceHosts: number;
}

export class HyperVReplica {
  readonly vms: HyperVVm[];
  private readonly vmById = new Map<string, HyperVVm>();
  private readonly applyHosts: SharedCapacity[];
  /** The primary site's hosts, applying logs once replication is reversed. */
  private reverseApplyHosts: SharedCapacity[] | null = null;
  private sourceUp = true;
  private targetUp = true;
  private readonly pruning: PruningRule;
  /** No additional recovery points: each applied log replaces the previous point. */
  private readonly keepsNewestOnly: boolean;
  /** The kinds of the lines every cycle writes. */
  private readonly words: { logSend: LogWord; logSent: LogWord };
  /** The details `t=CLOSE` of the log-sent lines (a cycle's logs all close at one time) and the point lines. */
  private readonly sentDetail = new RepeatedDetail('t=');
  private readonly pointLines: PointLines;

  constructor(
    readonly spec: HyperVSpec,
    private readonly cx: HyperVContext,
  ) {
    const p = spec.policy;
    this.words = { logSend: cx.log.word('log-send'), logSent: cx.log.word('log-sent') };
    this.pointLines = new PointLines(cx.log);
    this.applyHosts = this.makeHosts(spec.to, cx.targetHosts);
    this.vms = spec.vms.map((id) => {
      const vm = cx.vm(id);
      const host = this.applyHosts[(Math.max(1, vm.host) - 1) % this.applyHosts.length];
      const v = new HyperVVm(vm, vm.disks.map((d) => cx.churnOf(d.key)), host, cx.sim, cx.log.word(vm.id));
      for (const d of v.disks) d.onRateChange = () => this.predictResync(v);
      v.logSent = () => this.logSent(v);
      v.logApplied = () => this.logApplied(v);
      const points = cx.observer.pointsOf(id);
      v.scope.onAvailable = (point) => {
        this.pointLines.available(cx.sim.now, v.word, point);
        if (v.state === 'protected') points.pointAvailable(point, cx.sim.now);
      };
      this.vmById.set(id, v);
      return v;
    });
    this.pruning = { allWithinMs: 0, tiers: [{ untilAgeMs: p.additionalRecoveryPoints * HOUR, bucketMs: HOUR }] };
    this.keepsNewestOnly = p.additionalRecoveryPoints === 0 && p.appConsistentEveryMs === null;
  }

  private makeHosts(site: string, count: number): SharedCapacity[] {
    const rate = this.spec.policy.applyRateBytesPerS;
    return Array.from({ length: Math.max(1, count) }, (_, i) => new SharedCapacity(this.cx.sim, rate, `${site}/host-${i + 1}`));
  }

  vm(id: string): HyperVVm | undefined {
    return this.vmById.get(id);
  }

  private get sim(): Simulator {
    return this.cx.sim;
  }

  start(): void {
    this.sim.at(this.spec.startAtMs, () => this.enable());
  }

  private setState(v: HyperVVm, state: ProtectionState): void {
    v.state = state;
    this.cx.log.record(this.sim.now, 'state', v.id, state);
    this.cx.observer.vmState(v.id, state, this.sim.now);
    this.updateHealth(v);
  }

  private enable(): void {
    const now = this.sim.now;
    const p = this.spec.policy;
    for (const v of this.vms) {
      v.irStartedAtMs = now;
      v.disks.forEach((d, i) => {
        v.logBase[i] = d.written.valueAt(now);
        d.historyNeededFromMs = now;
      });
      if (p.initialReplication === 'existing') {
        this.cx.log.record(now, 'ir-existing', v.id);
        this.initialReplicationDone(v);
        continue;
      }
      this.setState(v, 'initial-replication');
      this.cx.log.record(now, 'snapshot', v.id, `vhds=${v.disks.length}`);
      if (p.initialReplication === 'offline') {
        this.cx.log.record(now, 'ir-offline', v.id, `shipping=${p.offlineTransferMs}`);
        this.sim.after(p.offlineTransferMs, () => {
          if (v.state === 'initial-replication') this.initialReplicationDone(v);
        });
      } else {
        this.sendVhd(v, 0);
      }
    }
    this.sim.at(now + p.frequencyMs, () => this.cycleTick());
    if (!this.keepsNewestOnly) this.sim.at(now + HOUR, () => this.pruneTick());
  }

  /** Initial replication: the snapshot's VHDs go one by one (compressed); the logs grow meanwhile. */
  private sendVhd(v: HyperVVm, index: number): void {
    if (index === v.disks.length) {
      this.initialReplicationDone(v);
      return;
    }
    const disk = v.vm.disks[index];
    const bytes = disk.usedBytes * this.spec.policy.compression;
    this.cx.log.record(this.sim.now, 'vhd-send', disk.key, `vhd=${index + 1}/${v.disks.length} bytes=${canonicalNumber(bytes)}`);
    v.sending = new Transfer(this.sim, this.linkFor(v), bytes, this.cx.link.latencyMs, () => {
      v.sending = null;
      v.settledSentBytes += bytes;
      v.vhdsSent = index + 1;
      this.cx.log.record(this.sim.now, 'vhd-sent', disk.key, `vhd=${index + 1}/${v.disks.length}`);
      this.sendVhd(v, index + 1);
    });
    if (!this.canSendFor(v)) v.sending.pause();
    this.predictResync(v);
  }

  private initialReplicationDone(v: HyperVVm): void {
    v.irCompletedAtMs = this.sim.now;
    // The replica now holds the snapshot: the data as of the start of replication.
    v.appliedW.set(v.logBase);
    v.appliedAtPointMs = v.irStartedAtMs;
    this.setState(v, 'protected');
    this.predictResync(v);
  }

  /** The site a VM replicates from now, and the one it replicates to. */
  sourceOf(v: HyperVVm): string {
    return v.reversed ? this.spec.to : this.spec.from;
  }

  targetOf(v: HyperVVm): string {
    return v.reversed ? this.spec.from : this.spec.to;
  }

  isSiteUp(site: string): boolean {
    return this.siteUp(site);
  }

  private siteUp(site: string): boolean {
    return site === this.spec.from ? this.sourceUp : this.targetUp;
  }

  private linkFor(v: HyperVVm) {
    return this.cx.link.from(this.sourceOf(v));
  }

  /** Logs can go: both of the VM's sites and the link are up (its sites are the two ends, whichever way it replicates). */
  canSendFor(_v: HyperVVm): boolean {
    return this.sourceUp && this.targetUp && this.cx.link.up;
  }

  /** Every `frequency`: close and send each VM's logs, or count a missed cycle if a send is in flight. */
  private cycleTick(): void {
    const { forward, backward } = this.cx.link;
    // Every VM's log joins the link at once: the link re-shares once, not once per VM.
    forward.joinTogether(() => backward.joinTogether(() => this.closeCycle()));
    this.sim.after(this.spec.policy.frequencyMs, () => this.cycleTick());
  }

  private closeCycle(): void {
    const now = this.sim.now;
    const p = this.spec.policy;
    const app = p.appConsistentEveryMs !== null && (now - this.spec.startAtMs) % p.appConsistentEveryMs === 0;
    for (const v of this.vms) {
      if (v.state !== 'protected' || v.crashed) continue;
      if (v.sending || !this.canSendFor(v)) {
        v.sendMissedCycle = true;
        this.recordCycle(v, true);
        this.cx.log.record(now, 'cycle-missed', v.id, v.sending ? 'transfer in flight' : 'cannot send');
        continue;
      }
      this.recordCycle(v, false);
      this.closeAndSend(v, app ? 'app' : 'crash');
    }
  }

  private recordCycle(v: HyperVVm, missed: boolean): void {
    const now = this.sim.now;
    if (missed) v.missedCycles++;
    v.cycles.push(now, missed);
    v.cycles.expire(now - this.spec.policy.monitoringIntervalMs);
    this.updateHealth(v);
  }

  private closeAndSend(v: HyperVVm, consistency: Consistency): void {
    const now = this.sim.now;
    let logBytes = 0;
    for (let i = 0; i < v.disks.length; i++) {
      const written = v.disks[i].written.valueAt(now);
      logBytes += written - v.logBase[i];
      v.logBase[i] = written;
    }
    v.peakLogBytes = Math.max(v.peakLogBytes, logBytes);
    v.sendMissedCycle = false;
    v.scope.countCut(consistency);
    const bytes = logBytes * this.spec.policy.compression;
    // Whole bytes in the log line (the fluid model's fractions of a byte say nothing).
    const shape = consistency === 'app' ? LOG_SEND_TEXT.app : LOG_SEND_TEXT.crash;
    this.cx.log.intLine2(now, this.words.logSend, v.word, shape, Math.round(logBytes), Math.round(bytes));
    const shipment = v.spareShipment ?? { closeMs: 0, consistency, logBytes: 0, final: false, writtenAtClose: new Float64Array(v.disks.length) };
    v.spareShipment = null;
    for (let i = 0; i < v.disks.length; i++) shipment.writtenAtClose[i] = v.logBase[i]; // a loop: `set` costs more for a disk or two
    shipment.closeMs = now;
    shipment.consistency = consistency;
    shipment.logBytes = logBytes;
    shipment.final = v.finalClosed;
    v.inFlight = shipment;
    v.sending = this.reuse(v.logLeg, this.linkFor(v), bytes, this.cx.link.latencyMs, v.logSent);
    v.logLeg = v.sending;
    // No resync re-prediction: an emptied log can only push the threshold later, and the
    // pending check (not later than that) re-predicts when it fires.
  }

  /** A log has reached the replica: it queues for the apply; a missed cycle's log goes next. */
  private logSent(v: HyperVVm): void {
    // Only the transfer in flight can arrive (an abandoned one is cancelled, arrival included).
    const shipment = v.inFlight!;
    v.settledSentBytes += v.sending!.bytes;
    v.sending = null;
    v.inFlight = null;
    v.lastSendMs = this.sim.now;
    this.armNoSendWarning(v);
    this.cx.log.repeatedLine(this.sim.now, this.words.logSent, v.word, this.sentDetail, shipment.closeMs);
    v.applyQueue.push(shipment);
    this.applyNext(v);
    // A send can only clear a warning (nothing sent for an hour): a normal VM stays normal.
    if (v.health !== 'normal') this.updateHealth(v);
    // A missed cycle's log goes as soon as the transfer in flight is done [doc].
    if (v.sendMissedCycle && v.state === 'protected' && this.canSendFor(v)) this.closeAndSend(v, 'crash');
    // A planned failover: once nothing is in flight, the last log (written before shutdown) goes.
    if (v.finalApplied && !v.finalClosed && !v.sending) this.closeFinal(v);
  }

  /** The replica host merges the logs in order, sharing its apply rate with the VMs it hosts. */
  private applyNext(v: HyperVVm): void {
    const head = v.applyQueue.first;
    if (v.applying || head === undefined) return;
    v.applying = this.reuse(v.applyLeg, v.applyCapacity, head.logBytes, 0, v.logApplied);
    v.applyLeg = v.applying;
    // The replica's hosts are down with their site: nothing merges until it is back.
    if (!this.siteUp(this.targetOf(v))) v.applying.pause();
  }

  /** A log's transfer: the VM's previous one sent again when it is over and goes the same way, else a new one. */
  private reuse(previous: Transfer | null, capacity: SharedCapacity, bytes: number, latencyMs: number, done: () => void): Transfer {
    if (previous !== null && previous.idle && previous.uses(capacity)) return previous.again(bytes);
    return new Transfer(this.sim, capacity, bytes, latencyMs, done);
  }

  /** The head log is merged: its point becomes available (while the VM is still replicating). */
  private logApplied(v: HyperVVm): void {
    const shipment = v.applyQueue.shift()!;
    v.applying = null;
    if (v.state === 'protected' || v.state === 'failing-over') {
      for (let i = 0; i < v.disks.length; i++) v.appliedW[i] = shipment.writtenAtClose[i];
      v.appliedAtPointMs = shipment.closeMs;
      const point = { timeMs: shipment.closeMs, consistency: shipment.consistency, availableAtMs: this.sim.now };
      // Without additional points only the newest is kept: it replaces the previous one at once.
      if (this.keepsNewestOnly) v.scope.replaceAvailable(point);
      else v.scope.addAvailable(point);
      // Writes since the oldest retained point stay known (a failover's data loss in bytes).
      const keepFrom = Math.min(shipment.closeMs, v.scope.available[0]?.timeMs ?? shipment.closeMs);
      for (const d of v.disks) d.historyNeededFromMs = keepFrom;
    }
    const final = shipment.final;
    v.spareShipment = shipment; // merged: the next log closed reuses it
    if (final && v.finalApplied) {
      const done = v.finalApplied;
      v.finalApplied = null;
      done();
    }
    this.applyNext(v);
  }

  private pruneTick(): void {
    for (const v of this.vms) v.scope.prune(this.pruning);
    this.sim.after(HOUR, () => this.pruneTick());
  }

  finalPrune(): void {
    for (const v of this.vms) v.scope.prune(this.pruning);
  }

  /**
   * Schedules "resync required" for when the log would pass the threshold at the current
   * rates. A pending check that is not later than the new prediction is kept (it re-predicts
   * when it fires): each send pushes the prediction back, so this saves a cancel and a
   * schedule per cycle.
   */
  private predictResync(v: HyperVVm): void {
    if (v.state === 'resync' || v.state === 'unprotected') {
      if (v.resyncEvent >= 0) this.sim.cancel(v.resyncEvent);
      v.resyncEvent = -1;
      return;
    }
    const now = this.sim.now;
    const limit = this.spec.policy.resyncThreshold * v.vhdBytes;
    const log = v.logBytesAt(now);
    v.peakLogBytes = Math.max(v.peakLogBytes, log);
    if (log > limit) {
      if (v.resyncEvent >= 0) this.sim.cancel(v.resyncEvent);
      v.resyncEvent = -1;
      this.resyncRequired(v, 'log over threshold');
      return;
    }
    const rate = v.churnBytesPerS;
    const wakeAt = rate > 0 ? Math.max(now + 1, Math.ceil(now + ((limit - log) * 1000) / rate)) : Infinity;
    if (v.resyncEvent >= 0 && v.resyncWakeMs <= wakeAt) return;
    if (v.resyncEvent >= 0) this.sim.cancel(v.resyncEvent);
    v.resyncEvent = -1;
    if (wakeAt === Infinity) return;
    v.resyncWakeMs = wakeAt;
    v.resyncEvent = this.sim.at(wakeAt, () => {
      v.resyncEvent = -1;
      this.predictResync(v);
    });
  }

  /** Resync required: tracking stops, old points go, and an automatic resync starts. */
  private resyncRequired(v: HyperVVm, why: string): void {
    const now = this.sim.now;
    v.peakLogBytes = Math.max(v.peakLogBytes, v.logBytesAt(now));
    this.cx.log.record(now, 'resync-required', v.id, why);
    if (v.state === 'initial-replication' && this.spec.policy.initialReplication === 'network') {
      // The replica holds only the VHDs sent so far: the rest must go with the differences.
      const inFlight = v.sending ? v.sending.sentBytes / this.spec.policy.compression : 0;
      const unsent = v.vm.disks.slice(v.vhdsSent).reduce((sum, d) => sum + d.usedBytes, 0);
      v.missingVhdBytes = Math.max(0, unsent - inFlight);
    }
    this.abandonTransfers(v);
    v.resyncs++;
    this.setState(v, 'resync');
    this.cx.observer.rpoUndefined(v.id, now);
    this.startResync(v);
  }

  /** Compare every block at both ends, send the differences, then delete the old points. */
  private startResync(v: HyperVVm): void {
    if (!this.canSendFor(v) || v.crashed || v.resyncRunning) return; // resumes when the sites and link are back
    v.resyncRunning = true;
    const now = this.sim.now;
    const p = this.spec.policy;
    const compareMs = Math.ceil((Math.max(...v.vm.disks.map((d) => d.sizeBytes)) * 1000) / p.resyncCompareRateBytesPerS);
    // What the replica lacks: writes since what it last applied (since the snapshot, if the
    // initial replication never finished), plus any VHD data it never received.
    const sinceSnapshot = v.irCompletedAtMs === null;
    let diff = v.missingVhdBytes;
    v.disks.forEach((d, i) => {
      const base = sinceSnapshot ? v.logBase[i] : v.appliedW[i];
      diff += Math.min(d.disk.sizeBytes, Math.max(0, d.written.valueAt(now) - base));
      v.logBase[i] = d.written.valueAt(now);
    });
    this.cx.log.record(now, 'resync-compare', v.id, `duration=${compareMs} differences=${canonicalNumber(diff)}`);
    this.sim.after(compareMs, () => {
      if (v.state !== 'resync') return; // failed over meanwhile: the resync is cancelled
      const bytes = diff * p.compression;
      v.sending = new Transfer(this.sim, this.linkFor(v), bytes, this.cx.link.latencyMs, () => {
        v.sending = null;
        v.resyncRunning = false;
        v.settledSentBytes += bytes;
        v.lastSendMs = this.sim.now;
        v.appliedW.set(v.logBase);
        v.appliedAtPointMs = null;
        v.scope.clear();
        v.missingVhdBytes = 0;
        v.irCompletedAtMs ??= this.sim.now;
        this.cx.log.record(this.sim.now, 'resync-done', v.id, 'recovery points deleted');
        this.setState(v, 'protected');
        this.predictResync(v);
      });
    });
  }

  private armNoSendWarning(v: HyperVVm): void {
    v.warningTimer ??= new DeadlineTimer(this.sim, () => this.updateHealth(v));
    v.warningTimer.arm(this.sim.now + WARNING_NO_SEND_MS + 1);
  }

  /** Health by the documented rules (model.md § 3). */
  private updateHealth(v: HyperVVm): void {
    const now = this.sim.now;
    let health: Health = 'normal';
    if (v.state === 'resync' || (v.state === 'protected' && (!this.canSendFor(v) || v.crashed))) health = 'critical';
    else if (v.state === 'protected') {
      const inWindow = v.cycles.count;
      if (inWindow > 0 && v.cycles.missed / inWindow > WARNING_MISSED_FRACTION) health = 'warning';
      const since = v.lastSendMs ?? v.irCompletedAtMs ?? now;
      if (now - since > WARNING_NO_SEND_MS) health = 'warning';
    }
    if (health === v.health) return;
    v.health = health;
    this.cx.log.record(now, 'health', v.id, health);
    this.cx.observer.health(v.id, health, now);
  }

  /** Replication lag: the age of the oldest write the replica does not hold (0 when it holds all). */
  lagMs(v: HyperVVm): number {
    const now = this.sim.now;
    let lag = 0;
    v.disks.forEach((d, i) => {
      if (d.written.valueAt(now) - v.appliedW[i] < 1) return;
      lag = Math.max(lag, now - d.written.timeAt(v.appliedW[i] + 1));
    });
    return lag;
  }

  /** A site went down or came back: sends pause, hosts crash (resync after they return). */
  setSiteUp(siteId: string, up: boolean): void {
    if (siteId === this.spec.from) this.sourceUp = up;
    if (siteId === this.spec.to) this.targetUp = up;
    // The hosts running the VMs crash: those whose current source is the site.
    for (const v of this.vms) {
      if (this.sourceOf(v) !== siteId) continue;
      const tracking = v.state !== 'unprotected' && v.state !== 'failed-over' && v.state !== 'committed';
      if (!up) v.crashed = tracking;
      else if (v.crashed) {
        v.crashed = false;
        // Logs were not closed gracefully: resync once the host is back [doc].
        if (v.state === 'protected' || v.state === 'initial-replication') this.resyncRequired(v, 'host crashed');
        else if (v.state === 'resync') this.startResync(v);
      }
    }
    this.connectivityChanged();
  }

  /** The link or a site changed: pause or resume transfers and re-evaluate health. */
  connectivityChanged(): void {
    for (const v of this.vms) {
      const ok = this.canSendFor(v);
      if (v.sending) {
        if (ok) v.sending.resume();
        else v.sending.pause();
      }
      if (v.applying) {
        if (this.siteUp(this.targetOf(v))) v.applying.resume();
        else v.applying.pause();
      }
      if (ok && v.state === 'resync' && !v.crashed) this.startResync(v);
      this.updateHealth(v);
    }
  }

  // ── Failover operations (driven by the orchestrator, model.md § 3 "Failover") ──


  /** The log in flight and the applies waiting are abandoned (what was sent still counts). */
  private abandonTransfers(v: HyperVVm): void {
    if (v.sending) {
      v.settledSentBytes += v.sending.sentBytes;
      v.sending.cancel();
      v.sending = null;
      v.inFlight = null;
    }
    v.applying?.cancel();
    v.applying = null;
    v.applyQueue.clear();
  }

  /** Stops tracking and sending for a failover: transfers, applies and a resync are abandoned. */
  private haltReplication(v: HyperVVm): void {
    this.abandonTransfers(v);
    if (v.resyncEvent >= 0) this.sim.cancel(v.resyncEvent);
    v.resyncEvent = -1;
    v.resyncRunning = false;
    v.warningTimer?.disarm();
  }

  /** Unplanned failover begins: the replica starts from its newest (or chosen) point; a resync is cancelled. */
  beginUnplannedFailover(v: HyperVVm): void {
    this.haltReplication(v);
    this.setState(v, 'failing-over');
  }

  /**
   * Planned failover (the VM is already shut down): what is in flight lands, the rest of the
   * log is sent and applied, then `onApplied` — no data is lost.
   */
  beginPlannedFailover(v: HyperVVm, onApplied: () => void): void {
    if (v.resyncEvent >= 0) this.sim.cancel(v.resyncEvent);
    v.resyncEvent = -1;
    this.setState(v, 'failing-over');
    v.finalApplied = onApplied;
    v.finalClosed = false;
    if (!v.sending) this.closeFinal(v);
  }

  private closeFinal(v: HyperVVm): void {
    v.finalClosed = true;
    this.closeAndSend(v, 'crash');
  }

  /** The VM runs on the replica side, unprotected. */
  completeFailover(v: HyperVVm): void {
    this.haltReplication(v);
    this.setState(v, 'failed-over');
  }

  /**
   * After a planned failover the replication is reversed at once: both sides hold the same
   * data, so the VM is protected in the other direction with nothing to copy.
   */
  reverseAfterPlanned(v: HyperVVm): void {
    const now = this.sim.now;
    this.haltReplication(v);
    this.turnAround(v);
    v.disks.forEach((d, i) => {
      v.logBase[i] = d.written.valueAt(now);
      v.appliedW[i] = v.logBase[i];
    });
    v.irStartedAtMs = now;
    v.irCompletedAtMs = now;
    v.lastSendMs = now;
    this.cx.log.record(now, 'replication-reversed', v.id, `to=${this.targetOf(v)}`);
    this.setState(v, 'protected');
    this.predictResync(v);
  }

  /** `commit`: the failover is final; the replica's recovery points are deleted. */
  commit(v: HyperVVm): void {
    v.scope.clear();
    this.setState(v, 'committed');
  }

  /**
   * `reprotect` (reverse replication): after `compareMs` (comparing the blocks at both ends,
   * 0 for a full copy), `copyBytes` (uncompressed) are sent; then the VM is protected in the
   * other direction.
   */
  reprotect(v: HyperVVm, copyBytes: number, compareMs: number, onProtected: () => void): void {
    const p = this.spec.policy;
    this.turnAround(v);
    this.setState(v, 'reprotecting');
    this.sim.after(compareMs, () => {
      const now = this.sim.now;
      v.disks.forEach((d, i) => (v.logBase[i] = d.written.valueAt(now)));
      v.irStartedAtMs = now;
      const bytes = copyBytes * p.compression;
      this.cx.log.record(now, 'reprotect-copy', v.id, `bytes=${canonicalNumber(bytes)} to=${this.targetOf(v)}`);
      v.sending = new Transfer(this.sim, this.linkFor(v), bytes, this.cx.link.latencyMs, () => {
        v.sending = null;
        v.settledSentBytes += bytes;
        v.lastSendMs = this.sim.now;
        v.appliedW.set(v.logBase);
        v.irCompletedAtMs = this.sim.now;
        this.setState(v, 'protected');
        this.predictResync(v);
        onProtected();
      });
      if (!this.canSendFor(v)) v.sending.pause();
    });
  }

  /** Flips the VM's direction: its logs now go the other way and are applied on the other site's hosts. */
  private turnAround(v: HyperVVm): void {
    v.reversed = !v.reversed;
    v.scope.clear();
    v.cycles.clear();
    v.sendMissedCycle = false;
    v.finalClosed = false;
    const hosts = v.reversed ? (this.reverseApplyHosts ??= this.makeHosts(this.spec.from, this.cx.sourceHosts)) : this.applyHosts;
    v.applyCapacity = hosts[(Math.max(1, v.vm.host) - 1) % hosts.length];
  }
}
