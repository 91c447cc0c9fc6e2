// Assembles the results object of a finished (or stopped) run from the model's state and
// the metrics collected along the way.
import type { EventLog, Simulator } from '../kernel';
import type { DrModel } from '../model/dr-model';
import { isFailoverKind } from '../model/jobs';
import { checkExpectation } from './expectations';
import type { RecoveryPointScope } from '../model/recovery-points';
import type { Replication, Vm } from '../scenario';
import type { MetricsCollector, VmMetrics } from './metrics-collector';
import type { LinkResults, Results, VmResults } from './results-types';

/** What a replicated VM reports whatever its replication type. */
interface ReplicatedVm {
  vm: Vm;
  state: string;
  irStartedAtMs: number | null;
  irCompletedAtMs: number | null;
  scope: RecoveryPointScope;
}

function protectionResults(v: ReplicatedVm, spec: Replication, m: VmMetrics, now: number, site: string) {
  return {
    state: v.state,
    site,
    initialReplication: { startedAtMs: v.irStartedAtMs ?? spec.startAtMs, completedAtMs: v.irCompletedAtMs },
    rpo: m.rpo.summary(now, spec.rpoThresholdMs),
    lag: { maxMs: Math.round(m.lagMaxMs), meanMs: m.lagTotalMs > 0 ? Math.round(m.lagIntegral / m.lagTotalMs) : 0 },
    recoveryPoints: { created: v.scope.created, retainedAtEnd: v.scope.available.length, appConsistentCreated: v.scope.appCreated },
    health: { normalMs: m.healthMs.normal, warningMs: m.healthMs.warning, criticalMs: m.healthMs.critical },
  };
}

export function buildResults(model: DrModel, sim: Simulator, log: EventLog, metrics: MetricsCollector): Results {
  const s = model.scenario;
  const now = sim.now;
  metrics.finish(now);
  const vms: Record<string, VmResults> = {};
  for (const v of model.vms) {
    const writtenBytes = v.disks.reduce((sum, d) => sum + d.writtenBytesAt(now), 0);
    vms[v.vm.id] = { state: 'unprotected', site: v.site, bytes: { writtenBytes: Math.round(writtenBytes) } };
  }
  for (const r of model.a2a) {
    for (const v of r.vms) {
      const m = metrics.vm(v.id);
      const written = v.disks.reduce((sum, d) => sum + d.churn.written.valueAt(now), 0);
      const applied = v.disks.reduce((sum, d) => sum + d.appliedNow(), 0);
      const processed = v.disks.reduce((sum, d) => sum + d.processedTotalBytes, 0);
      const initialSent = v.disks.reduce((sum, d) => sum + d.copySentBytes, 0);
      vms[v.id] = {
        ...protectionResults(v, r.spec, m, now, model.vmModel(v.id)?.site ?? v.vm.site),
        resyncs: 0,
        bytes: {
          writtenBytes: Math.round(written),
          replicatedBytes: Math.round(applied),
          sentBytes: Math.round(processed + initialSent),
          pendingAtEndBytes: Math.round(Math.max(0, written - applied)),
        },
        peakCacheBacklogBytes: Math.round(v.disks.reduce((sum, d) => sum + Math.max(d.peakCacheBacklogBytes, d.cacheBacklogBytes), 0)),
        limitExceededEvents: v.limitExceededEvents,
      };
    }
  }
  for (const r of model.hyperv) {
    for (const v of r.vms) {
      const m = metrics.vm(v.id);
      const written = v.disks.reduce((sum, d) => sum + d.written.valueAt(now), 0);
      const replicated = v.appliedW.reduce((sum, w) => sum + w, 0);
      vms[v.id] = {
        ...protectionResults(v, r.spec, m, now, model.vmModel(v.id)?.site ?? v.vm.site),
        resyncs: v.resyncs,
        bytes: {
          writtenBytes: Math.round(written),
          replicatedBytes: Math.round(replicated),
          sentBytes: Math.round(v.sentBytes),
          pendingAtEndBytes: Math.round(Math.max(0, written - replicated)),
        },
        peakLogBytes: Math.round(Math.max(v.peakLogBytes, v.logBytesAt(now))),
        missedCycles: v.missedCycles,
      };
    }
  }
  const links: Record<string, LinkResults> = {};
  for (const l of model.links) links[l.id] = l.summary(now);
  const results: Results = {
    drsim: 1,
    scenario: s.name,
    seed: s.seed,
    simulatedMs: now,
    events: sim.eventsExecuted,
    digest: log.digestHex(),
    logLines: log.count,
    defaultsUsed: s.defaultsUsed,
    vms,
    links,
    jobs: model.orchestrator.jobs.map((j) => ({ ...j })),
    failovers: [],
    alerts: metrics.alerts,
    expectations: [],
  };
  results.failovers = results.jobs.filter((j) => isFailoverKind(j.kind));
  results.expectations = s.expectations.map((e) => checkExpectation(results, e));
  return results;
}
