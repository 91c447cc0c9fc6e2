// The main thread's handle on the simulation worker: Comlink calls, frames turned back into
// the structured state (Immer patches) plus series chunks, and recovery when the worker dies:
// a fresh worker, the last scenario reloaded, nothing the user typed lost.
import * as Comlink from 'comlink';
import { applyPatches, enablePatches } from 'immer';
import type { SimulationWorkerApi } from '../../workers/simulation.worker';
import type { SessionFrame, SessionState } from '../session/session-types';

enablePatches();

export interface ClientEvents {
  /** A frame arrived; `newRun` when it starts a run (load, what-if, replay). */
  frame(state: SessionState, frame: SessionFrame, newRun: boolean): void;
  /** The worker died or failed; the app offers a restart. */
  crashed(message: string): void;
}

export class SimulationClient {
  private worker!: Worker;
  api!: Comlink.Remote<SimulationWorkerApi>;
  state: SessionState | null = null;
  private runId = -1;

  constructor(private readonly events: ClientEvents) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/simulation.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', (e) => this.events.crashed(e.message || 'the simulation worker stopped'));
    this.api = Comlink.wrap<SimulationWorkerApi>(this.worker);
    this.runId = -1;
    this.state = null;
    void this.api.subscribe(Comlink.proxy((frame: SessionFrame) => this.onFrame(frame))).catch((e: unknown) => this.fail(e));
  }

  private onFrame(frame: SessionFrame): void {
    const newRun = frame.run !== this.runId;
    if (newRun) this.runId = frame.run;
    const base = newRun ? ({} as SessionState) : (this.state ?? ({} as SessionState));
    this.state = applyPatches(base, frame.patches);
    this.events.frame(this.state, frame, newRun);
  }

  /** Reports a failed call as a crash (with the reason), and returns null. */
  fail(error: unknown): null {
    this.events.crashed(error instanceof Error ? error.message : String(error));
    return null;
  }

  /** Throws the worker away (even mid-run) and starts a new one. */
  restart(): void {
    this.worker.terminate();
    this.spawn();
  }
}
