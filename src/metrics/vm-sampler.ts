// Samples every protected VM every 5 simulated minutes (and at the end): its replication
// lag for the lag statistics (over the same time as RPO, once a first point is available;
// linear between samples), and its RPO, lag, churn, throughput and backlog for the series.
import type { Simulator } from '../kernel';
import type { DrModel } from '../model/dr-model';
import type { MetricsCollector } from './metrics-collector';

export const SAMPLE_EVERY_MS = 5 * 60_000;

interface Sample {
  lagMs: () => number;
  churnBytesPerS: number;
  throughputBytesPerS: number;
  backlogBytes: number;
}

function record(metrics: MetricsCollector, id: string, now: number, s: Sample): void {
  const m = metrics.vm(id);
  const rpo = m.rpo.rpoAt(now);
  const lag = rpo !== null ? s.lagMs() : null;
  if (rpo !== null && lag !== null) {
    m.sampleLag(now, lag);
    m.series.rpo_ms.record(now, rpo);
    m.series.lag_ms.record(now, lag);
  }
  m.series.churn_Bps.record(now, s.churnBytesPerS);
  m.series.throughput_Bps.record(now, s.throughputBytesPerS);
  m.series.backlog_bytes.record(now, s.backlogBytes);
}

export function sampleVms(model: DrModel, metrics: MetricsCollector): void {
  const now = model.sim.now;
  for (const r of model.a2a) {
    for (const v of r.vms) {
      if (v.state !== 'protected' && v.state !== 'initial-replication') continue;
      let churn = 0;
      let throughput = 0;
      let backlog = 0;
      for (const d of v.disks) {
        churn += d.churn.effectiveRateBytesPerS;
        throughput += d.processing.outputRateBytesPerS;
        backlog += d.cacheBacklogBytes + d.vmBacklogBytes;
      }
      record(metrics, v.id, now, { lagMs: () => r.lagMs(v), churnBytesPerS: churn, throughputBytesPerS: throughput, backlogBytes: backlog });
    }
  }
  for (const r of model.hyperv) {
    for (const v of r.vms) {
      if (v.state === 'unprotected') continue;
      record(metrics, v.id, now, {
        lagMs: () => r.lagMs(v),
        churnBytesPerS: v.churnRateBytesPerS(),
        throughputBytesPerS: v.sending?.rateBytesPerS ?? 0,
        backlogBytes: v.logBytesAt(now),
      });
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
