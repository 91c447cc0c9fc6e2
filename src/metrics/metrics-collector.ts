// Listens to the model (as its ModelObserver) and keeps what the results need per VM: the
// RPO recorder, health durations while protected, and the alerts raised and cleared.
import type { ModelObserver, PointListener } from '../model/model-observer';
import type { Health, ProtectionState } from '../model/protection-state';
import type { RecoveryPoint } from '../model/recovery-points';
import { DownsampledSeries } from './downsampled-series';
import type { AlertResult } from './results-types';
import { RpoRecorder } from './rpo-recorder';
import { SegmentStore } from './segment-store';

/** The per-VM series the timeline draws and `--series` exports. */
export const SERIES_NAMES = ['rpo_ms', 'lag_ms', 'churn_Bps', 'throughput_Bps', 'backlog_bytes'] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];

export class VmMetrics {
  readonly rpo: RpoRecorder;
  readonly series = Object.fromEntries(SERIES_NAMES.map((n) => [n, new DownsampledSeries(n)])) as Record<SeriesName, DownsampledSeries>;
  state: ProtectionState = 'unprotected';
  health: Health = 'normal';
  healthSinceMs = 0;
  readonly healthMs: Record<Health, number> = { normal: 0, warning: 0, critical: 0 };
  lagMaxMs = 0;
  lagIntegral = 0;
  lagLastMs: number | null = null;
  lagLastValue = 0;
  lagTotalMs = 0;

  /**
   * @param segments the run's store of RPO segments (every VM's in one stream).
   * @param keepsSeries false when nobody will read the series (a batch run without `--series`): they stay empty.
   */
  constructor(
    segments?: SegmentStore,
    readonly keepsSeries = true,
  ) {
    this.rpo = new RpoRecorder(segments);
  }

  /** Adds a lag sample; the lag between samples is taken as linear (trapezoids). */
  sampleLag(nowMs: number, lagMs: number): void {
    if (this.lagLastMs !== null && nowMs > this.lagLastMs) {
      this.lagIntegral += ((this.lagLastValue + lagMs) / 2) * (nowMs - this.lagLastMs);
      this.lagTotalMs += nowMs - this.lagLastMs;
    }
    this.lagMaxMs = Math.max(this.lagMaxMs, lagMs);
    this.lagLastMs = nowMs;
    this.lagLastValue = lagMs;
  }
}

export class MetricsCollector implements ModelObserver {
  readonly vms = new Map<string, VmMetrics>();
  private readonly segments = new SegmentStore();
  readonly alerts: AlertResult[] = [];
  private readonly openAlerts = new Map<string, AlertResult>();
  /** Listeners of every series value and every recovery point (the session's stream), or null. */
  seriesTap: ((vmId: string, series: SeriesName, tMs: number, value: number) => void) | null = null;
  pointTap: ((vmId: string, point: RecoveryPoint) => void) | null = null;

  /** @param keepsSeries record the per-VM series (the app, `--series`); the statistics never need them. */
  constructor(readonly keepsSeries = true) {}

  vm(id: string): VmMetrics {
    let m = this.vms.get(id);
    if (!m) {
      m = new VmMetrics(this.segments, this.keepsSeries);
      this.vms.set(id, m);
      const tap = this.seriesTap;
      if (tap !== null) for (const name of SERIES_NAMES) m.series[name].tap = (t, v) => tap(id, name, t, v);
    }
    return m;
  }

  private countsHealth(state: ProtectionState): boolean {
    return state === 'protected' || state === 'resync';
  }

  private closeHealth(m: VmMetrics, atMs: number): void {
    if (this.countsHealth(m.state)) m.healthMs[m.health] += atMs - m.healthSinceMs;
    m.healthSinceMs = atMs;
  }

  vmState(vmId: string, state: ProtectionState, atMs: number): void {
    const m = this.vm(vmId);
    this.closeHealth(m, atMs);
    m.state = state;
    if (state !== 'protected' && state !== 'resync') m.rpo.undefine(atMs);
  }

  pointsOf(vmId: string): PointListener {
    return new VmPointListener(this, vmId);
  }

  /** A point of `m` (the metrics of `vmId`) became available at `atMs`. */
  pointAvailable(m: VmMetrics, vmId: string, point: RecoveryPoint, atMs: number): void {
    if (this.pointTap !== null) this.pointTap(vmId, point);
    // The series keep the saw-tooth's top (just before the drop) and its bottom.
    const before = m.keepsSeries ? m.rpo.rpoAt(atMs) : null;
    if (before !== null) m.series.rpo_ms.record(atMs, before);
    m.rpo.pointAvailable(point.timeMs, atMs);
    if (m.keepsSeries) m.series.rpo_ms.record(atMs, m.rpo.rpoAt(atMs)!);
  }

  rpoUndefined(vmId: string, atMs: number): void {
    this.vm(vmId).rpo.undefine(atMs);
  }

  health(vmId: string, health: Health, atMs: number): void {
    const m = this.vm(vmId);
    this.closeHealth(m, atMs);
    m.health = health;
  }

  alert(vmId: string, kind: string, raised: boolean, atMs: number): void {
    const key = `${vmId}\u0000${kind}`;
    if (raised) {
      const a: AlertResult = { atMs, vm: vmId, kind, clearedAtMs: null };
      this.alerts.push(a);
      this.openAlerts.set(key, a);
    } else {
      const a = this.openAlerts.get(key);
      if (a) a.clearedAtMs = atMs;
      this.openAlerts.delete(key);
    }
  }

  /** Closes the open intervals at the end of the run. */
  finish(endMs: number): void {
    for (const m of this.vms.values()) {
      this.closeHealth(m, endMs);
      m.rpo.closeAt(endMs); // every segment in before the first summary groups them
    }
  }
}

/**
 * One VM's points, to the collector: its metrics are looked up at the first point (not when
 * the model asks for the listener, before the session has set its taps), then kept.
 */
class VmPointListener implements PointListener {
  private metrics: VmMetrics | null = null;

  constructor(
    private readonly collector: MetricsCollector,
    private readonly vmId: string,
  ) {}

  pointAvailable(point: RecoveryPoint, atMs: number): void {
    this.metrics ??= this.collector.vm(this.vmId);
    this.collector.pointAvailable(this.metrics, this.vmId, point, atMs);
  }
}
