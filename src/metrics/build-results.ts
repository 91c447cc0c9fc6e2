// Assembles the results object of a finished (or stopped) run from the model's state.
import type { EventLog, Simulator } from '../kernel';
import type { DrModel } from '../model/dr-model';
import { checkExpectation } from './expectations';
import type { Results, VmResults } from './results-types';

export function buildResults(model: DrModel, sim: Simulator, log: EventLog): Results {
  const s = model.scenario;
  const vms: Record<string, VmResults> = {};
  for (const v of model.vms) {
    const writtenBytes = v.disks.reduce((sum, d) => sum + d.writtenBytesAt(sim.now), 0);
    vms[v.vm.id] = { state: v.state, site: v.vm.site, bytes: { writtenBytes: Math.round(writtenBytes) } };
  }
  const results: Results = {
    drsim: 1,
    scenario: s.name,
    seed: s.seed,
    simulatedMs: sim.now,
    events: sim.eventsExecuted,
    digest: log.digestHex(),
    logLines: log.count,
    defaultsUsed: s.defaultsUsed,
    vms,
    links: {},
    jobs: [],
    failovers: [],
    alerts: [],
    expectations: [],
  };
  results.expectations = s.expectations.map((e) => checkExpectation(results, e));
  return results;
}
