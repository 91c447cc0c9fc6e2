// Runs a normalised scenario to its end (or `untilMs`) in bounded chunks of simulated time,
// reporting progress between chunks; the batch path the CLI uses (and the session builds on).
import { EventLog, Simulator, type LogSink, type StopReason } from '../kernel';
import { buildResults } from '../metrics/build-results';
import { sampleVms, startVmSampler } from '../metrics/vm-sampler';
import { MetricsCollector } from '../metrics/metrics-collector';
import type { Results } from '../metrics/results-types';
import { DrModel } from '../model/dr-model';
import type { Scenario } from '../scenario';

/** Default cap on kernel events per run, so no file can keep a tab or a CI job busy forever. */
export const DEFAULT_MAX_EVENTS = 200_000_000;

export interface RunScenarioOptions {
  /** Stop here instead of at the scenario's duration (ms). */
  untilMs?: number;
  maxEvents?: number;
  /** Receives every event-log line (for --trace). */
  logSink?: LogSink;
  /** Called between chunks with the simulated time reached; return false to abandon the run. */
  onProgress?: (simulatedMs: number, endMs: number, events: number) => boolean | void;
  /** Simulated time per chunk between progress calls. */
  chunkMs?: number;
}

export interface RunOutcome {
  results: Results;
  /** Per-VM metrics, with the downsampled series (for `--series` and the app). */
  metrics: MetricsCollector;
  /** `until`: ran to the end; `maxEvents`: hit the event cap; `stopped`: abandoned by onProgress. */
  stopReason: StopReason;
}

export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunOutcome {
  const endMs = Math.min(options.untilMs ?? scenario.durationMs, scenario.durationMs);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const sim = new Simulator();
  const log = new EventLog(0, options.logSink);
  const metrics = new MetricsCollector();
  const model = new DrModel(scenario, sim, log, metrics);
  model.start();
  startVmSampler(sim, model, metrics);
  const chunkMs = Math.max(1, options.chunkMs ?? Math.ceil(scenario.durationMs / 200));
  let stopReason: StopReason = 'until';
  while (sim.now < endMs || sim.peek() <= endMs) {
    const left = maxEvents - sim.eventsExecuted;
    const reason = sim.run({ untilMs: Math.min(endMs, sim.now + chunkMs), maxEvents: left });
    if (reason === 'maxEvents') {
      stopReason = 'maxEvents';
      break;
    }
    if (options.onProgress?.(sim.now, endMs, sim.eventsExecuted) === false) {
      stopReason = 'stopped';
      break;
    }
    if (sim.now >= endMs) break;
  }
  model.finish();
  sampleVms(model, metrics);
  log.record(sim.now, 'run', 'end', `events=${sim.eventsExecuted} reason=${stopReason}`);
  return { results: buildResults(model, sim, log, metrics), metrics, stopReason };
}
