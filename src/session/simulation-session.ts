// SimulationSession owns one simulation (DESIGN.md § The session and the worker): load,
// play at a speed, pause, step (events / until a time / to the next notable event), seek,
// what-ifs, frames to subscribers (Immer patches of the structured state + the new series
// samples, at most ~30 per second) and the results. The worker exposes it with Comlink;
// the CLI runs scenarios through it in-process. Wall-clock time only paces frames and play
// speed: the simulation itself never sees it, so the digest is the CLI's.
import { enablePatches, produceWithPatches, type Patch } from 'immer';
import type { LogEntry, LogSink } from '../kernel';
import type { Results } from '../metrics/results-types';
import { loadScenario, type Scenario } from '../scenario';
import { LiveRun, type AdvanceOutcome } from './live-run';
import { SeriesBuffer } from './series-buffer';
import type { LoadRequest, LoadResult, NotableEntry, SessionFrame, SessionState, SessionStatus, StepRequest, WhatIfPatch } from './session-types';
import { initialState, protectionIndex, writeState, type Protection } from './state-snapshot';
import { applyWhatIf, whatIfProblems } from './what-if';

enablePatches();

/** Log kinds too frequent to stream to the app (the series and point ticks carry them). */
const QUIET_KINDS = new Set(['churn', 'point', 'log-send', 'log-sent']);
/** Log kinds trainer mode stops at: the moments a trainer explains. */
export const TRAINER_KINDS = new Set([
  'enable', 'ir-start', 'ir-done', 'ir-existing', 'ir-offline', 'snapshot', 'vhd-send', 'vhd-sent', 'cycle-missed',
  'resync-required', 'resync-compare', 'resync-done', 'limit-exceeded', 'alert', 'alert-cleared', 'health', 'state',
  'outage', 'outage-end', 'fault', 'fault-end', 'job', 'job-done', 'job-failed', 'job-note', 'plan-group', 'plan-action',
  'vm-create', 'vm-up', 'test-vm-create', 'test-vm-up', 'test-cleanup', 'reprotect', 'reprotect-copy', 'replication-reversed',
]);
/** Notable entries kept per frame at most (the oldest of a flood are dropped). */
const MAX_LOG_PER_FRAME = 2000;

export type PlaySpeed = number | 'max';

/**
 * Lets queued messages (a pause) in between two slices without the ≥ 4 ms a nested
 * setTimeout costs in browsers: a MessageChannel round trip there, setImmediate in Node.
 */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface SessionOptions {
  /** Wall clock in ms (pacing only); performance.now by default. */
  clock?: () => number;
  /** Minimum wall time between two frames while playing. */
  frameIntervalMs?: number;
  /** Longest stretch of simulation between two chances to pause (wall ms). */
  sliceMs?: number;
  /**
   * Wall ms to rest between slices when playing as fast as possible (0: only yield). The worker
   * rests a little so the page drawing its frames keeps a share of a small machine's CPU.
   */
  restMs?: number;
  /**
   * Whether to watch the event log (notable entries for frames and trainer steps); off for
   * the CLI's batch runs, which need neither and run faster without.
   */
  watchLog?: boolean;
}

/** Events run between two looks at the wall clock while playing (a few ms of a heavy fleet). */
const EVENTS_PER_CLOCK_CHECK = 2_000;

/**
 * How the app's worker runs its session: 20 ms slices with 14 ms of rest between them, so the
 * page drawing the frames keeps a share of a small machine's CPU (the `stream` benchmark uses
 * the same).
 */
export const APP_SESSION_OPTIONS: SessionOptions = { sliceMs: 20, restMs: 14 };

export interface RunLimits {
  /** Record the per-VM series (default true: the app draws them). */
  keepSeries?: boolean;
  maxEvents?: number;
  /** Stop at this simulated time instead of the scenario's end (ms). */
  untilMs?: number;
  /** Also receives every event-log line (the CLI's --trace). */
  logSink?: LogSink;
}

export interface StepOutcome {
  state: SessionState;
  /** The notable entries the step produced (trainer captions). */
  entries: NotableEntry[];
}

type FrameListener = (frame: SessionFrame) => void;

function statusOf(outcome: AdvanceOutcome): SessionStatus {
  return outcome === 'ended' ? 'ended' : outcome === 'capped' ? 'capped' : 'paused';
}

const emptyState = (status: SessionStatus = 'empty'): SessionState => ({
  status, scenarioName: '', description: '', seed: 0, timeMs: 0, endMs: 0, events: 0, vaultUp: true,
  sites: [], links: [], replications: [], vms: [], jobs: [], digest: null, message: null,
});

export class SimulationSession {
  /** The scenario as loaded (what-ifs and replays start from it). */
  private baseScenario: Scenario | null = null;
  private limits: RunLimits = {};
  private run: LiveRun | null = null;
  private protection = new Map<string, Protection>();
  private current: SessionState = emptyState();
  private pendingPatches: Patch[] = [];
  private readonly series = new SeriesBuffer();
  private log: NotableEntry[] = [];
  private logSeq = 0;
  private stepEntries: NotableEntry[] | null = null;
  private stopAtNotable = false;
  private readonly listeners = new Set<FrameListener>();
  private frameSeq = 0;
  private runId = 0;
  private playToken = 0;
  private lastFrameWallMs = -Infinity;
  private readonly clock: () => number;
  private readonly frameIntervalMs: number;
  private readonly sliceMs: number;
  private readonly watchLog: boolean;
  private readonly restMs: number;

  constructor(options: SessionOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.frameIntervalMs = options.frameIntervalMs ?? 33;
    this.sliceMs = options.sliceMs ?? 25;
    this.watchLog = options.watchLog ?? true;
    this.restMs = options.restMs ?? 0;
  }

  // ── Loading ──

  /** Validates and loads scenario text (YAML or JSON); on errors the previous run is dropped. */
  load(request: LoadRequest): LoadResult {
    const files = request.files ?? {};
    const loaded = loadScenario(request.text, {
      overrides: request.overrides ?? [],
      readFile: (path) => {
        const content = files[path.replace(/^\.\//, '')];
        if (content === undefined) throw new Error(`no file ${path} beside the scenario`);
        return content;
      },
    });
    if (!loaded.ok) {
      this.pause();
      this.run = null;
      this.baseScenario = null;
      this.replaceState(emptyState('invalid'));
      return { ok: false, errors: loaded.errors, state: this.current };
    }
    return this.loadScenario(loaded.scenario, { maxEvents: request.maxEvents });
  }

  /** Loads an already normalised scenario. */
  loadScenario(scenario: Scenario, limits: RunLimits = {}): LoadResult {
    this.baseScenario = scenario;
    this.limits = limits;
    return this.start(scenario);
  }

  /** Re-runs the loaded scenario with a what-if applied (same seed), from the start. */
  applyWhatIf(patch: WhatIfPatch): LoadResult {
    if (!this.baseScenario) return { ok: false, errors: [], state: this.current };
    const errors = whatIfProblems(patch);
    if (errors.length > 0) return { ok: false, errors, state: this.current };
    return this.start(applyWhatIf(this.baseScenario, patch));
  }

  /** A fresh run of `scenario` (the loaded one, or a what-if of it) from time 0. */
  private start(scenario: Scenario): LoadResult {
    this.pause();
    this.runId++;
    this.series.take();
    this.log = [];
    this.logSeq = 0;
    const external = this.limits.logSink;
    const watch = (entry: LogEntry) => this.onLog(entry);
    const logSink: LogSink | undefined = !this.watchLog
      ? external
      : external
        ? (entry, line) => {
            external(entry, line);
            watch(entry);
          }
        : watch;
    const run = new LiveRun(scenario, { maxEvents: this.limits.maxEvents, untilMs: this.limits.untilMs, logSink, keepSeries: this.limits.keepSeries }, (r) => {
      if (this.watchLog) this.tap(r);
    });
    this.run = run;
    this.protection = protectionIndex(run);
    this.replaceState(initialState(run, 'ready'));
    return { ok: true, errors: [], state: this.current };
  }

  private tap(run: LiveRun): void {
    const indexOf = new Map(run.scenario.vms.map((vm, i) => [vm.id, i]));
    const listening = () => this.listeners.size > 0;
    run.metrics.seriesTap = (vmId, name, t, v) => {
      if (listening()) this.series.push(name, indexOf.get(vmId)!, t, v);
    };
    run.metrics.pointTap = (vmId, point) => {
      if (listening()) this.series.push('points', indexOf.get(vmId)!, point.timeMs, point.consistency === 'app' ? 1 : 0);
    };
  }

  private onLog(entry: LogEntry): void {
    this.logSeq++;
    if (QUIET_KINDS.has(entry.kind)) return;
    const notable: NotableEntry = { seq: this.logSeq, timeMs: entry.timeMs, kind: entry.kind, subject: entry.subject, detail: entry.detail };
    if (this.listeners.size > 0) {
      this.log.push(notable);
      if (this.log.length > 2 * MAX_LOG_PER_FRAME) this.log.splice(0, this.log.length - MAX_LOG_PER_FRAME);
    }
    if (this.stepEntries !== null && TRAINER_KINDS.has(entry.kind)) {
      this.stepEntries.push(notable);
      if (this.stopAtNotable) this.run?.sim.stop();
    }
  }

  // ── State and frames ──

  get state(): SessionState {
    return this.current;
  }

  /** The run in progress (the CLI reads its metrics for --series). */
  get liveRun(): LiveRun | null {
    return this.run;
  }

  /** The results once the run has ended (or hit its cap); null before. */
  results(): Results | null {
    return this.run?.results ?? null;
  }

  /** Every frame from now on; the first one (sent at once) holds the whole state. */
  subscribe(onFrame: FrameListener): () => void {
    this.listeners.add(onFrame);
    onFrame({ seq: this.frameSeq, run: this.runId, patches: [{ op: 'replace', path: [], value: this.current }], series: {}, log: [] });
    return () => this.listeners.delete(onFrame);
  }

  private replaceState(state: SessionState): void {
    this.current = state;
    this.frameSeq = 0;
    this.pendingPatches = [];
    this.emit([{ op: 'replace', path: [], value: state }]);
  }

  private refresh(status: SessionStatus, message: string | null = null): void {
    const run = this.run;
    if (!run) return;
    const [next, patches] = produceWithPatches(this.current, (draft) => {
      writeState(draft, run, this.protection, status);
      draft.message = message;
    });
    this.current = next;
    for (const p of patches) this.pendingPatches.push(p);
  }

  private emit(patches: Patch[] = this.pendingPatches): void {
    this.pendingPatches = [];
    this.lastFrameWallMs = this.clock();
    if (this.listeners.size === 0) return;
    const frame: SessionFrame = { seq: ++this.frameSeq, run: this.runId, patches, series: this.series.take(), log: this.log.splice(0) };
    for (const listener of this.listeners) listener(frame);
  }

  private flush(status: SessionStatus, message: string | null = null): void {
    this.refresh(status, message);
    this.emit();
  }

  // ── Driving ──

  get playing(): boolean {
    return this.current.status === 'playing';
  }

  private capMessage(): string {
    const run = this.run!;
    return `stopped at the cap of ${run.maxEvents.toLocaleString('en-US')} events, at simulated ${run.sim.now} ms: the results cover only that part`;
  }

  private settle(outcome: AdvanceOutcome): SessionStatus {
    const status = statusOf(outcome);
    this.flush(status, status === 'capped' ? this.capMessage() : null);
    return status;
  }

  /**
   * Plays until the end or a pause: `speed` simulated ms per wall ms (1 … 100 000), or
   * `'max'` as fast as possible. Yields to the event loop between slices so pause() and other
   * calls get through; resolves with the status it stopped in.
   */
  async play(speed: PlaySpeed = 'max'): Promise<SessionStatus> {
    const run = this.run;
    if (!run || run.done) return this.current.status;
    const token = ++this.playToken;
    this.refresh('playing');
    this.emit();
    // Paced play: the simulated clock follows anchor + wall time × speed.
    let anchorWall = this.clock();
    let anchorSim = run.sim.now;
    for (;;) {
      if (token !== this.playToken || this.run !== run) return this.current.status;
      const sliceStart = this.clock();
      let outcome: AdvanceOutcome = 'running';
      if (speed === 'max') {
        while (outcome === 'running' && this.clock() - sliceStart < this.sliceMs) outcome = run.advance(run.endMs, EVENTS_PER_CLOCK_CHECK);
      } else {
        const target = Math.min(run.endMs, anchorSim + Math.floor((sliceStart - anchorWall) * speed));
        while (outcome === 'running' && run.sim.now < target && this.clock() - sliceStart < this.sliceMs) outcome = run.advance(target, EVENTS_PER_CLOCK_CHECK);
        // Behind the pace (a heavy stretch): carry on from here rather than rush to catch up.
        if (outcome === 'running' && run.sim.now < target) {
          anchorWall = this.clock();
          anchorSim = run.sim.now;
        }
      }
      if (outcome !== 'running') {
        this.playToken++;
        return this.settle(outcome);
      }
      if (this.clock() - this.lastFrameWallMs >= this.frameIntervalMs) this.flush('playing');
      // Between slices: as fast as possible still leaves the machine a breather (the page
      // drawing the frames shares it), a paced play sleeps until its next slice is due.
      await (speed === 'max' && this.restMs === 0 ? yieldToEventLoop() : new Promise<void>((resolve) => setTimeout(resolve, speed === 'max' ? this.restMs : 8)));
    }
  }

  /** Stops playing where it is (a frame shows the paused state). */
  pause(): void {
    const wasPlaying = this.playing;
    this.playToken++;
    if (wasPlaying && this.run) this.flush('paused');
  }

  /**
   * Runs a number of events, up to a time, or to the next notable event (trainer mode),
   * then sends a frame. Stepping pauses play.
   */
  step(request: StepRequest): StepOutcome {
    const run = this.run;
    this.playToken++;
    if (!run || run.done) return { state: this.current, entries: [] };
    this.stepEntries = [];
    let outcome: AdvanceOutcome;
    if ('events' in request) {
      outcome = run.advance(run.endMs, Math.max(1, Math.floor(request.events)));
    } else if ('untilMs' in request) {
      outcome = run.advance(request.untilMs);
    } else {
      this.stopAtNotable = true;
      const until = Math.min(run.endMs, run.sim.now + (request.maxMs ?? run.endMs));
      do outcome = run.advance(until, 1_000_000);
      while (outcome === 'running' && this.stepEntries.length === 0 && run.sim.now < until);
      this.stopAtNotable = false;
    }
    const entries = this.stepEntries;
    this.stepEntries = null;
    this.settle(outcome === 'stopped' ? 'running' : outcome);
    return { state: this.current, entries };
  }

  /** Moves the clock to `timeMs`: forward by running, backward by replaying from the start. */
  seek(timeMs: number): SessionState {
    const run = this.run;
    if (!run) return this.current;
    // The start of the run is the checkpoint: replaying is deterministic and as fast as a run.
    if (run.done || timeMs < run.sim.now) this.start(run.scenario);
    return this.step({ untilMs: timeMs }).state;
  }

  /** Runs the rest synchronously (the CLI; tests), reporting progress every chunk. */
  runToEnd(onProgress?: (simulatedMs: number, endMs: number, events: number) => boolean | void, chunkMs?: number): Results {
    const run = this.run;
    if (!run) throw new Error('no scenario loaded');
    const chunk = Math.max(1, chunkMs ?? Math.ceil(run.scenario.durationMs / 200));
    let outcome: AdvanceOutcome = run.done ? 'ended' : 'running';
    while (outcome === 'running') {
      outcome = run.advance(run.sim.now + chunk);
      if (outcome === 'running' && onProgress?.(run.sim.now, run.endMs, run.sim.eventsExecuted) === false) {
        run.finish('stopped');
        outcome = 'ended';
      }
    }
    this.settle(outcome);
    return run.results!;
  }
}
