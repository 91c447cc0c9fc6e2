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

/** One replicated VM as the sampler sees it: its metrics, what it reads, and when it is sampled. */
interface SampledEntry {
  readonly m: VmMetrics;
  readonly v: SampledVm & { readonly state: string };
  /** Sampled in this state (Azure: protected or replicating initially; Hyper-V: any but unprotected). */
  readonly sampledIn: (state: string) => boolean;
  readonly lagMs: () => number;
}

const a2aSampled = (state: string) => state === 'protected' || state === 'initial-replication';
const hypervSampled = (state: string) => state !== 'unprotected';

/** Samples a model's VMs (the list of them is made once: the VMs of a run never change). */
export class VmSampler {
  private readonly entries: SampledEntry[] = [];

  constructor(model: DrModel, metrics: MetricsCollector) {
    for (const r of model.a2a) for (const v of r.vms) this.entries.push({ m: metrics.vm(v.id), v, sampledIn: a2aSampled, lagMs: () => r.lagMs(v) });
    for (const r of model.hyperv) for (const v of r.vms) this.entries.push({ m: metrics.vm(v.id), v, sampledIn: hypervSampled, lagMs: () => r.lagMs(v) });
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Records every sampled VM's lag (while its RPO is defined) and, when kept, its series values. */
  sample(now: number): void {
    for (const e of this.entries) {
      if (!e.sampledIn(e.v.state)) continue;
      const m = e.m;
      const rpo = m.rpo.rpoAt(now);
      if (rpo !== null) {
        const lag = e.lagMs();
        m.sampleLag(now, lag);
        if (m.keepsSeries) {
          m.series.rpo_ms.record(now, rpo);
          m.series.lag_ms.record(now, lag);
        }
      }
      if (!m.keepsSeries) continue; // the rest only feeds the series
      m.series.churn_Bps.record(now, e.v.churnBytesPerS);
      m.series.throughput_Bps.record(now, e.v.throughputBytesPerS);
      m.series.backlog_bytes.record(now, e.v.backlogBytes);
    }
  }
}

/** Samples every `SAMPLE_EVERY_MS`; returns the sampler (for the last sample at the end). */
export function startVmSampler(sim: Simulator, model: DrModel, metrics: MetricsCollector): VmSampler {
  const sampler = new VmSampler(model, metrics);
  if (sampler.empty) return sampler;
  const tick = () => {
    sampler.sample(sim.now);
    sim.after(SAMPLE_EVERY_MS, tick);
  };
  sim.at(SAMPLE_EVERY_MS, tick);
  return sampler;
}
