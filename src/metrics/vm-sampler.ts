// Samples every protected VM every 5 simulated minutes (and at the end): its replication
// lag for the lag statistics (over the same time as RPO, once a first point is available;
// linear between samples), and its RPO, lag, churn, throughput and backlog for the series.
import type { Simulator } from '../kernel';
import type { A2aVm } from '../model/a2a-replication';
import type { DrModel } from '../model/dr-model';
import type { HyperVVm } from '../model/hyperv-replica';
import type { MetricsCollector, VmMetrics } from './metrics-collector';

export const SAMPLE_EVERY_MS = 5 * 60_000;

/** Records one VM's lag sample (while its RPO is defined) and, when kept, its series values. */
function record<V>(m: VmMetrics, now: number, v: V, r: VmSource<V>): void {
  const rpo = m.rpo.rpoAt(now);
  if (rpo !== null) {
    const lag = r.lagOf(v);
    m.sampleLag(now, lag);
    if (m.keepsSeries) {
      m.series.rpo_ms.record(now, rpo);
      m.series.lag_ms.record(now, lag);
    }
  }
  if (!m.keepsSeries) return; // the rest only feeds the series
  m.series.churn_Bps.record(now, r.churnOf(v));
  m.series.throughput_Bps.record(now, r.throughputOf(v));
  m.series.backlog_bytes.record(now, r.backlogOf(v, now));
}

/** How to read a replicated VM's lag, churn, throughput and backlog. */
interface VmSource<V> {
  lagOf(v: V): number;
  churnOf(v: V): number;
  throughputOf(v: V): number;
  backlogOf(v: V, now: number): number;
}

export function sampleVms(model: DrModel, metrics: MetricsCollector): void {
  const now = model.sim.now;
  for (const r of model.a2a) {
    const source: VmSource<A2aVm> = {
      lagOf: (v) => r.lagMs(v),
      churnOf: (v) => v.churnBytesPerS,
      throughputOf: (v) => v.throughputBytesPerS,
      backlogOf: (v) => v.backlogBytes,
    };
    for (const v of r.vms) {
      if (v.state !== 'protected' && v.state !== 'initial-replication') continue;
      record(metrics.vm(v.id), now, v, source);
    }
  }
  for (const r of model.hyperv) {
    const source: VmSource<HyperVVm> = {
      lagOf: (v) => r.lagMs(v),
      churnOf: (v) => v.churnRateBytesPerS(),
      throughputOf: (v) => v.throughputBytesPerS,
      backlogOf: (v, t) => v.logBytesAt(t),
    };
    for (const v of r.vms) {
      if (v.state === 'unprotected') continue;
      record(metrics.vm(v.id), now, v, source);
    }
  }
}

export function startVmSampler(sim: Simulator, model: DrModel, metrics: MetricsCollector): void {
  if (model.a2a.length === 0 && model.hyperv.length === 0) return;
  const tick = () => {
    sampleVms(model, metrics);
    sim.after(SAMPLE_EVERY_MS, tick);
  };
  sim.at(SAMPLE_EVERY_MS, tick);
}
