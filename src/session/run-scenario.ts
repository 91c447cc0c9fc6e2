// Runs a normalised scenario to its end (or `untilMs`) in one go, through a SimulationSession
// that nobody watches, reporting progress between chunks: the CLI's batch path.
import type { StopReason } from '../kernel';
import type { MetricsCollector } from '../metrics/metrics-collector';
import type { Results } from '../metrics/results-types';
import type { Scenario } from '../scenario';
import { SimulationSession, type RunLimits } from './simulation-session';

export { DEFAULT_MAX_EVENTS } from './live-run';

export interface RunScenarioOptions extends RunLimits {
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
  const session = new SimulationSession({ watchLog: false });
  session.loadScenario(scenario, { untilMs: options.untilMs, maxEvents: options.maxEvents, logSink: options.logSink, keepSeries: options.keepSeries });
  const results = session.runToEnd(options.onProgress, options.chunkMs);
  const run = session.liveRun!;
  return { results, metrics: run.metrics, stopReason: run.reason };
}
