// The simulation's Web Worker: runs scenarios off the main thread, exposed with Comlink.
// (The full SimulationSession protocol grows here; for now: load and run to the end.)
import * as Comlink from 'comlink';
import { loadScenario, type ScenarioError } from '../src/scenario';
import { runScenario } from '../src/session/run-scenario';
import type { Results } from '../src/metrics/results-types';

export interface WorkerRunResult {
  ok: boolean;
  errors: ScenarioError[];
  results: Results | null;
}

const api = {
  /** Validates and runs scenario text; `files` holds trace CSVs by relative path. */
  run(text: string, files: Record<string, string> = {}, seed?: number): WorkerRunResult {
    const loaded = loadScenario(text, {
      overrides: seed === undefined ? [] : [`seed=${seed}`],
      readFile: (path) => {
        const content = files[path.replace(/^\.\//, '')];
        if (content === undefined) throw new Error(`no bundled file ${path}`);
        return content;
      },
    });
    if (!loaded.ok) return { ok: false, errors: loaded.errors, results: null };
    return { ok: true, errors: [], results: runScenario(loaded.scenario).results };
  },
};

export type SimulationWorkerApi = typeof api;

Comlink.expose(api);
