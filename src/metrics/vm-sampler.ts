// Samples every protected VM every 5 simulated minutes (and at the end): its replication
// lag for the lag statistics (over the same time as RPO, once a first point is available;
// linear between samples), and its RPO, lag, churn, throughput and backlog for the series.
import type { Simulator } from '../kernel';
import type { DrModel } from '../model/dr-model';
import type { MetricsCollector, VmMetrics } from './metrics-collector';

export const SAMPLE_EVERY_MS = 5 * 60_000;

/** What the sampler reads of a replicated VM (Azure→Azure and Hyper-V alike). */
interface SampledVm {
  readonly churnBytesPerS: number;
  readonly throughputBytesPerS: number;
  readonly backlogBytes: number;
}

/** Records one VM's lag sample (while its RPO is defined) and, when kept, its series values. */
function record(m: VmMetrics, now: number, v: SampledVm, lagOf: () => number): void {
  const rpo = m.rpo.rpoAt(now);
  if (rpo !== null) {
    const lag = lagOf();
    m.sampleLag(now, lag);
    if (m.keepsSeries) {
      m.series.rpo_ms.record(now, rpo);
      m.series.lag_ms.record(now, lag);
    }
  }
  if (!m.keepsSeries) return; // the rest only feeds the series
  m.series.churn_Bps.record(now, v.churnBytesPerS);
  m.series.throughput_Bps.record(now, v.throughputBytesPerS);
  m.series.backlog_bytes.record(now, v.backlogBytes);
}

export function sampleVms(model: DrModel, metrics: MetricsCollector): void {
  const now = model.sim.now;
  for (const r of model.a2a) {
    for (const v of r.vms) {
      if (v.state !== 'protected' && v.state !== 'initial-replication') continue;
      record(metrics.vm(v.id), now, v, () => r.lagMs(v));
    }
  }
  for (const r of model.hyperv) {
    for (const v of r.vms) {
      if (v.state === 'unprotected') continue;
      record(metrics.vm(v.id), now, v, () => r.lagMs(v));
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
