// One Azure→Azure replicated disk: writes W → upload into the cache account (U) → processing
// across the region link into the replica disk (A, after latency); the initial copy of the
// disk's used bytes runs first, while the cache accumulates what the VM writes meanwhile.
import type { Simulator } from '../kernel';
import type { DiskChurn } from './disk-churn';
import { FluidStage } from './fluid-stage';
import type { AppliedProgress } from './recovery-points';
import type { SharedCapacity } from './shared-capacity';
import { Transfer } from './transfer';

export class A2aDiskPipeline implements AppliedProgress {
  readonly upload: FluidStage;
  readonly processing: FluidStage;
  initialCopy: Transfer | null = null;
  initialCopyDone = false;
  peakCacheBacklogBytes = 0;
  /** W when replication was enabled: what the pipeline ships is written after it. */
  enabledAtBytes = 0;
  /** How far back the applied curve must stay exact (recovery points look back this far). */
  appliedHistoryMs = 0;
  private enabled = false;
  /** Replication of the disk is stopped (failed over, not yet reprotected). */
  private stopped = false;
  /** Bytes processed before the last restart, and bytes of finished or abandoned copies. */
  private processedBeforeBytes = 0;
  private copiedBytes = 0;
  private changesSincePrune = 0;
  private sourceReachable = true;
  private targetReachable = true;
  /** Called when the applied rate changes (recovery points re-predict); says whether it went up. */
  onAppliedChange: ((faster: boolean) => void) | null = null;

  constructor(
    private readonly sim: Simulator,
    readonly churn: DiskChurn,
    uploadCapacity: SharedCapacity,
    private linkCapacity: SharedCapacity,
    private latencyMs: number,
    readonly limitBytesPerS: number,
  ) {
    this.upload = new FluidStage(sim, churn.written, uploadCapacity);
    this.processing = new FluidStage(sim, this.upload.output, linkCapacity, limitBytesPerS);
    this.upload.blocked = true; // until replication is enabled
    this.processing.blocked = true; // until the initial copy lands
    churn.historyNeededFromMs = 0; // until the replication says how much write history it needs
    churn.onRateChange = () => this.upload.inputChanged();
    // The cache backlog U − P peaks where its slope turns down: when the upload slows or the
    // processing speeds up, so only those changes need a look.
    this.upload.onOutputRateChange = (faster) => {
      if (!faster) this.notePeakBacklog();
      this.processing.inputChanged();
    };
    this.processing.onOutputRateChange = (faster) => {
      if (faster) this.notePeakBacklog();
      if (++this.changesSincePrune === 64) {
        this.changesSincePrune = 0;
        const keepFrom = this.sim.now - this.latencyMs - this.appliedHistoryMs - 1;
        this.upload.output.pruneBefore(keepFrom);
        this.processing.output.pruneBefore(keepFrom);
      }
      this.onAppliedChange?.(faster);
    };
  }

  get key(): string {
    return this.churn.disk.key;
  }

  /**
   * Enables replication now: the cache takes what is written from now on while the initial
   * copy of the used bytes runs; `onDone` runs when that copy has landed.
   */
  startInitialCopy(onDone: () => void): void {
    if (!this.enabled) {
      this.enabled = true;
      this.upload.restartFromInput();
      this.processing.restartFromInput();
      this.enabledAtBytes = this.upload.output.valueAt(this.sim.now);
    }
    this.startCopy(this.churn.disk.usedBytes, onDone);
  }

  private startCopy(bytes: number, onDone: () => void): void {
    this.initialCopy = new Transfer(this.sim, this.linkCapacity, bytes, this.latencyMs, () => {
      this.copiedBytes += bytes;
      this.initialCopyDone = true;
      this.initialCopy = null;
      this.updateBlocked();
      onDone();
    }, this.limitBytesPerS);
    this.updateBlocked();
  }

  /** Replication stops (failover): nothing drains any more and a copy under way is abandoned. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.initialCopy) {
      this.copiedBytes += this.initialCopy.sentBytes;
      this.initialCopy.cancel();
      this.initialCopy = null;
    }
    this.updateBlocked();
  }

  /**
   * Replicates again over other capacities (reprotect: the reverse direction, its cache and
   * link): the buffers start empty from what is written now, and a copy of `bytes` (the
   * differences, or the whole disk) lands first, as in an initial replication.
   */
  restart(uploadCapacity: SharedCapacity, linkCapacity: SharedCapacity, bytes: number, onDone: () => void): void {
    this.stop();
    this.processedBeforeBytes += this.processedBytes;
    this.upload.restartFromInput();
    this.processing.restartFromInput();
    this.enabledAtBytes = this.upload.output.valueAt(this.sim.now);
    this.upload.moveTo(uploadCapacity);
    this.processing.moveTo(linkCapacity);
    this.linkCapacity = linkCapacity;
    this.stopped = false;
    this.initialCopyDone = false;
    this.startCopy(bytes, onDone);
  }

  /** Bytes of copies (initial, differential, full) put on the link so far. */
  get copySentBytes(): number {
    return this.copiedBytes + (this.initialCopy ? this.initialCopy.sentBytes : 0);
  }

  /** Bytes processed across links over the whole run (copies aside). */
  get processedTotalBytes(): number {
    return this.processedBeforeBytes + this.processedBytes;
  }

  /** The cache account is reachable (its region is up) / the target region is up. */
  setReachable(source: boolean, target: boolean): void {
    this.sourceReachable = source;
    this.targetReachable = target;
    this.updateBlocked();
  }

  private updateBlocked(): void {
    this.upload.blocked = !this.enabled || this.stopped || !this.sourceReachable;
    this.processing.blocked = !this.initialCopyDone || this.stopped || !this.sourceReachable || !this.targetReachable;
    if (this.initialCopy) {
      if (this.sourceReachable && this.targetReachable) this.initialCopy.resume();
      else this.initialCopy.pause();
    }
  }

  /** Bytes processed across the link since replication was enabled (the initial copy aside). */
  get processedBytes(): number {
    return this.processing.output.valueAt(this.sim.now) - this.enabledAtBytes;
  }

  /** Unprocessed data in the cache account: U − P. */
  get cacheBacklogBytes(): number {
    return this.processing.backlogBytes;
  }

  /** Data written but not yet in the cache: W − U. */
  get vmBacklogBytes(): number {
    return this.upload.backlogBytes;
  }

  private notePeakBacklog(): void {
    const b = this.processing.backlogBytes;
    if (b > this.peakCacheBacklogBytes) this.peakCacheBacklogBytes = b;
  }

  /**
   * Conservation W = (W−U) + (U−A) + A with every buffer non-negative: W ≥ U ≥ P ≥ A.
   * Returns what is wrong, or null (a tolerance of a byte plus float noise on large curves).
   */
  conservationProblem(): string | null {
    const now = this.sim.now;
    const w = this.churn.written.valueAt(now);
    const u = this.upload.output.valueAt(now);
    const p = this.processing.output.valueAt(now);
    const a = this.appliedNow();
    const tolerance = 1 + 1e-9 * w;
    if (u > w + tolerance) return `${this.key}: uploaded ${u} > written ${w}`;
    if (p > u + tolerance) return `${this.key}: processed ${p} > uploaded ${u}`;
    if (a > p + tolerance) return `${this.key}: applied ${a} > processed ${p}`;
    return null;
  }

  writtenAt(timeMs: number): number {
    return this.churn.written.valueAt(timeMs);
  }

  /** A(t) = P(t − latency). */
  appliedAt(timeMs: number): number {
    const out = this.processing.output;
    return out.valueAt(Math.max(timeMs - this.latencyMs, out.firstTimeMs));
  }

  appliedNow(): number {
    return this.appliedAt(this.sim.now);
  }

  appliedReachTime(bytes: number): number {
    return this.processing.output.timeAt(bytes) + this.latencyMs;
  }
}
