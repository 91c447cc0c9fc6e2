// Benchmarks `fleet-month` and `hyperv-site`: a whole scenario run, timed, with its event
// count and the peak memory seen while it ran: the JS heap plus the memory outside it that
// typed arrays hold (`external`: the RPO segments, curves and queues live in typed arrays,
// which `heapUsed` alone leaves out).
import { loadScenarioObject } from '../scenario';
import { runScenario } from '../session/run-scenario';
import { fleetMonthScenario, hypervSiteScenario } from './fleet-scenarios';

/** Bytes in use: the JS heap and the typed arrays' memory outside it. */
function memoryInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function timedRun(name: string, scenarioObject: object): string {
  const loaded = loadScenarioObject(scenarioObject);
  if (!loaded.ok) throw new Error(`${name}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  let peakHeap = memoryInUse();
  const start = performance.now();
  // As `drsim run FILE` does without `--series`: the series are not recorded.
  const { results, stopReason } = runScenario(loaded.scenario, {
    keepSeries: false,
    onProgress: () => {
      peakHeap = Math.max(peakHeap, memoryInUse());
    },
  });
  const wallS = (performance.now() - start) / 1000;
  peakHeap = Math.max(peakHeap, memoryInUse());
  const vms = Object.values(results.vms);
  const p95 = vms.map((v) => v.rpo?.p95Ms ?? 0).sort((a, b) => a - b);
  return (
    `${name} wall_s=${wallS.toFixed(2)} events=${results.events} peak_heap_mb=${Math.round(peakHeap / 2 ** 20)} ` +
    `log_lines=${results.logLines} stop=${stopReason} median_vm_rpo_p95_s=${(p95[Math.floor(p95.length / 2)] / 1000).toFixed(0)} digest=${results.digest}`
  );
}

export const fleetMonth = () => timedRun('fleet-month', fleetMonthScenario());
export const hypervSite = () => timedRun('hyperv-site', hypervSiteScenario());
