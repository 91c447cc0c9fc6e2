// Samples every protected VM's replication lag every 5 simulated minutes (and at the end) for
// the lag statistics, over the same time as RPO (once a first point is available); lag
// between samples is taken as linear.
import type { Simulator } from '../kernel';
import type { DrModel } from '../model/dr-model';
import type { MetricsCollector } from './metrics-collector';

export const LAG_SAMPLE_MS = 5 * 60_000;

export function sampleLag(model: DrModel, metrics: MetricsCollector): void {
  const now = model.sim.now;
  const sample = (id: string, lag: () => number) => {
    const m = metrics.vm(id);
    if (m.rpo.rpoAt(now) !== null) m.sampleLag(now, lag());
  };
  for (const r of model.a2a) for (const v of r.vms) if (v.state === 'protected') sample(v.id, () => r.lagMs(v));
  for (const r of model.hyperv) for (const v of r.vms) if (v.state === 'protected') sample(v.id, () => r.lagMs(v));
}

export function startLagSampler(sim: Simulator, model: DrModel, metrics: MetricsCollector): void {
  if (model.a2a.length === 0 && model.hyperv.length === 0) return;
  const tick = () => {
    sampleLag(model, metrics);
    sim.after(LAG_SAMPLE_MS, tick);
  };
  sim.at(LAG_SAMPLE_MS, tick);
}
