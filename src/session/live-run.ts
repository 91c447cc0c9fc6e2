// One simulation of a scenario that can be advanced piece by piece: the kernel, the event
// log, the model and its metrics wired together, advanced to a time or by a number of
// events, and finished once into the results. The session and the CLI's batch run share it.
import { EventLog, Simulator, type LogEntry, type LogSink, type StopReason } from '../kernel';
import { buildResults } from '../metrics/build-results';
import { MetricsCollector } from '../metrics/metrics-collector';
import type { Results } from '../metrics/results-types';
import { startVmSampler, type VmSampler } from '../metrics/vm-sampler';
import { DrModel } from '../model/dr-model';
import type { Scenario } from '../scenario';

/** Default cap on kernel events per run, so no file can keep a tab or a CI job busy forever. */
export const DEFAULT_MAX_EVENTS = 200_000_000;

export interface LiveRunOptions {
  maxEvents?: number;
  /** Stop here instead of at the scenario's duration (ms). */
  untilMs?: number;
  /** Receives every event-log line (traces, the session's notable entries). */
  logSink?: LogSink;
  /** Record the per-VM series (default true; a batch run without `--series` needs none). */
  keepSeries?: boolean;
}

export type AdvanceOutcome = 'running' | 'ended' | 'capped' | 'stopped';

export class LiveRun {
  readonly sim = new Simulator();
  readonly log: EventLog;
  readonly metrics: MetricsCollector;
  readonly model: DrModel;
  private readonly sampler: VmSampler;
  readonly endMs: number;
  readonly maxEvents: number;
  private finished: Results | null = null;
  private stopReason: StopReason = 'until';

  constructor(
    readonly scenario: Scenario,
    options: LiveRunOptions = {},
    /** Hooks set before the model starts (series taps). */
    prepare?: (run: LiveRun) => void,
  ) {
    this.endMs = Math.min(options.untilMs ?? scenario.durationMs, scenario.durationMs);
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.log = new EventLog(0, options.logSink);
    this.metrics = new MetricsCollector(options.keepSeries ?? true);
    this.model = new DrModel(scenario, this.sim, this.log, this.metrics);
    prepare?.(this);
    this.model.start();
    this.sampler = startVmSampler(this.sim, this.model, this.metrics);
  }

  get done(): boolean {
    return this.finished !== null;
  }

  get capped(): boolean {
    return this.stopReason === 'maxEvents';
  }

  /**
   * Runs events up to `untilMs` (clamped to the end) and at most `maxEvents` of them;
   * finishes the run when it reaches the end or the event cap.
   */
  advance(untilMs: number, maxEvents = Infinity): AdvanceOutcome {
    if (this.finished) return this.capped ? 'capped' : 'ended';
    const sim = this.sim;
    const target = Math.min(untilMs, this.endMs);
    if (target < sim.now) return 'running';
    const left = this.maxEvents - sim.eventsExecuted;
    const reason = sim.run({ untilMs: target, maxEvents: Math.min(left, maxEvents) });
    if (reason === 'maxEvents' && sim.eventsExecuted >= this.maxEvents) {
      this.stopReason = 'maxEvents';
      this.finish();
      return 'capped';
    }
    if (reason === 'stopped') return 'stopped';
    // The end is reached once the clock is there and no event is left at that instant.
    if (sim.now >= this.endMs && sim.peek() > this.endMs) {
      this.finish();
      return 'ended';
    }
    return 'running';
  }

  /** Ends the run where it is (abandoned, or at its end) and builds the results once. */
  finish(reason?: StopReason): Results {
    if (this.finished) return this.finished;
    if (reason) this.stopReason = reason;
    const { model, metrics, sim, log } = this;
    model.finish();
    this.sampler.sample(sim.now);
    log.record(sim.now, 'run', 'end', `events=${sim.eventsExecuted} reason=${this.stopReason}`);
    this.finished = buildResults(model, sim, log, metrics);
    return this.finished;
  }

  get results(): Results | null {
    return this.finished;
  }

  get reason(): StopReason {
    return this.stopReason;
  }
}

export type { LogEntry };
