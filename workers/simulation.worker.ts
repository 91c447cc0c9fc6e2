// The simulation's Web Worker: one SimulationSession behind Comlink. The main thread never
// runs the simulation; frames reach it through a proxied callback with their series arrays
// transferred, not copied. Exports (series CSV, event log NDJSON) are built here too.
import * as Comlink from 'comlink';
import { seriesCsv } from '../src/metrics/series-csv';
import { LiveRun } from '../src/session/live-run';
import { chunkBuffers } from '../src/session/series-buffer';
import type { LoadRequest, LoadResult, SessionFrame, SessionState, StepRequest, WhatIfPatch } from '../src/session/session-types';
import { APP_SESSION_OPTIONS, SimulationSession, type PlaySpeed, type StepOutcome } from '../src/session/simulation-session';
import type { Results } from '../src/metrics/results-types';

/** Lines an event-log export holds at most (a month of a big fleet has tens of millions). */
const MAX_EXPORT_LINES = 1_000_000;

const session = new SimulationSession(APP_SESSION_OPTIONS);

const api = {
  /** Frames from now on, starting with the whole state. */
  subscribe(onFrame: (frame: SessionFrame) => void): void {
    session.subscribe((frame) => onFrame(Comlink.transfer(frame, chunkBuffers(frame.series))));
  },
  load(request: LoadRequest): LoadResult {
    return session.load(request);
  },
  play(speed: PlaySpeed): Promise<string> {
    return session.play(speed);
  },
  pause(): void {
    session.pause();
  },
  step(request: StepRequest): StepOutcome {
    return session.step(request);
  },
  seek(timeMs: number): SessionState {
    return session.seek(timeMs);
  },
  applyWhatIf(patch: WhatIfPatch): LoadResult {
    return session.applyWhatIf(patch);
  },
  results(): Results | null {
    return session.results();
  },
  /** The downsampled series of the run so far, as CSV. */
  seriesCsv(): string {
    const run = session.liveRun;
    return run ? seriesCsv(run.metrics) : '';
  },
  /**
   * The event log as NDJSON, replayed from the start to where the run is now (the session
   * keeps only the notable entries); at most MAX_EXPORT_LINES lines.
   */
  eventLogNdjson(): { text: string; truncated: boolean } {
    const run = session.liveRun;
    if (!run) return { text: '', truncated: false };
    const lines: string[] = [];
    let truncated = false;
    const replay = new LiveRun(run.scenario, {
      maxEvents: run.maxEvents,
      logSink: (e) => {
        if (lines.length < MAX_EXPORT_LINES) lines.push(JSON.stringify({ t: e.timeMs, kind: e.kind, subject: e.subject, detail: e.detail }));
        else truncated = true;
      },
    });
    if (run.done) {
      while (replay.advance(run.endMs) === 'running');
    } else {
      replay.advance(run.sim.now);
    }
    return { text: lines.length ? `${lines.join('\n')}\n` : '', truncated };
  },
};

export type SimulationWorkerApi = typeof api;

Comlink.expose(api);
