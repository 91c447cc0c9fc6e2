// Samples every protected VM every 5 simulated minutes (and at the end): its replication
// lag for the lag statistics (over the same time as RPO, once a first point is available;
// linear between samples), and its RPO, lag, churn, throughput and backlog for the series.
import type { Simulator } from '../kernel';
import type { A2aVm } from '../model/a2a-replication';
import type { DrModel } from '../model/dr-model';
import type { HyperVVm } from '../model/hyperv-replica';
import type { MetricsCollector, VmMetrics } from './metrics-collector';

export const SAMPLE_EVERY_MS = 5 * 60_000;

/** Records one VM's sample; `lagMs` is only asked for while the RPO is defined. */
function record<V>(
  m: VmMetrics,
  now: number,
  lagOf: (v: V) => number,
  v: V,
  churnBytesPerS: number,
  throughputBytesPerS: number,
  backlogBytes: number,
): void {
  const rpo = m.rpo.rpoAt(now);
  if (rpo !== null) {
    const lag = lagOf(v);
    m.sampleLag(now, lag);
    if (!m.keepsSeries) return;
    m.series.rpo_ms.record(now, rpo);
    m.series.lag_ms.record(now, lag);
  }
  if (!m.keepsSeries) return;
  m.series.churn_Bps.record(now, churnBytesPerS);
  m.series.throughput_Bps.record(now, throughputBytesPerS);
  m.series.backlog_bytes.record(now, backlogBytes);
}

export function sampleVms(model: DrModel, metrics: MetricsCollector): void {
  const now = model.sim.now;
  for (const r of model.a2a) {
    const lagOf = (v: A2aVm) => r.lagMs(v);
    for (const v of r.vms) {
      if (v.state !== 'protected' && v.state !== 'initial-replication') continue;
      record(metrics.vm(v.id), now, lagOf, v, v.churnBytesPerS, v.throughputBytesPerS, v.backlogBytes);
    }
  }
  for (const r of model.hyperv) {
    const lagOf = (v: HyperVVm) => r.lagMs(v);
    for (const v of r.vms) {
      if (v.state === 'unprotected') continue;
      record(metrics.vm(v.id), now, lagOf, v, v.churnRateBytesPerS(), v.throughputBytesPerS, v.logBytesAt(now));
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
