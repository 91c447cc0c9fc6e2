// `drsim run FILE`: validate, run, print a summary or the results JSON; exit 0 / 1 / 2.
import { writeFileSync } from 'node:fs';
import { parseDuration, UnitError } from '../units';
import { runScenario } from '../session/run-scenario';
import { readScenarioFile } from './read-scenario';
import { formatScenarioErrors } from './report-errors';
import { seriesCsv } from '../metrics/series-csv';
import { formatSummary } from './summary';
import { progressReporter } from './progress';
import { openTraceWriter, type TraceWriter } from './trace-writer';

export interface RunCommandOptions {
  seed?: string;
  until?: string;
  set: string[];
  json?: boolean;
  out?: string;
  trace?: string;
  series?: string;
  maxEvents?: string;
}

function usageError(message: string): number {
  process.stderr.write(`drsim: ${message}\n`);
  return 2;
}

export function runCommand(file: string, options: RunCommandOptions): number {
  const overrides = [...options.set];
  if (options.seed !== undefined) {
    if (!/^\d+$/.test(options.seed)) return usageError(`--seed: found "${options.seed}", expected a whole number`);
    overrides.push(`seed=${options.seed}`);
  }
  let untilMs: number | undefined;
  if (options.until !== undefined) {
    try {
      untilMs = parseDuration(options.until);
    } catch (error) {
      if (error instanceof UnitError) return usageError(`--until: ${error.message}`);
      throw error;
    }
  }
  let maxEvents: number | undefined;
  if (options.maxEvents !== undefined) {
    if (!/^\d+$/.test(options.maxEvents) || Number(options.maxEvents) < 1) return usageError(`--max-events: found "${options.maxEvents}", expected a whole number above 0`);
    maxEvents = Number(options.maxEvents);
  }
  const loaded = readScenarioFile(file, overrides);
  if (!loaded.ok) {
    process.stderr.write(formatScenarioErrors(file, loaded.errors));
    return 2;
  }
  let trace: TraceWriter | null = null;
  if (options.trace) {
    try {
      trace = openTraceWriter(options.trace);
    } catch (error) {
      return usageError(`--trace: cannot write "${options.trace}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const progress = progressReporter(loaded.scenario.name);
  const { results, metrics, stopReason } = runScenario(loaded.scenario, {
    untilMs,
    maxEvents,
    logSink: trace?.sink,
    onProgress: progress.onProgress,
    keepSeries: Boolean(options.series), // only `--series` reads them
  });
  progress.done();
  trace?.close();
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (options.out) writeFileSync(options.out, json);
  if (options.series) writeFileSync(options.series, seriesCsv(metrics));
  const capNote = stopReason === 'maxEvents' ? `stopped at the cap of ${results.events} events, at simulated ${results.simulatedMs} ms: the results cover only that part` : null;
  process.stdout.write(options.json ? json : `${formatSummary(results, capNote)}\n`);
  if (capNote) {
    process.stderr.write(`drsim: ${capNote} (raise it with --max-events)\n`);
    return 2;
  }
  return results.expectations.every((e) => e.pass) ? 0 : 1;
}
