// `drsim check [FILE or DIR]…`: runs every scenario with its expectations, one line each,
// then `N passed, N failed`; optional JUnit XML. Exit 0 all passed, 1 a failure, 2 invalid input.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../session/run-scenario';
import { readScenarioFile } from './read-scenario';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

function scenarioFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = join(p, name);
        if (statSync(child).isDirectory() || SCENARIO_FILE.test(name)) walk(child);
      }
    } else files.push(p);
  };
  paths.forEach(walk);
  return { files, missing };
}

interface CaseResult {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'invalid';
  detail: string[];
  seconds: number;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function checkCommand(paths: string[], options: { junit?: string }): number {
  const { files, missing } = scenarioFiles(paths);
  for (const m of missing) process.stderr.write(`drsim: no file or directory "${m}"\n`);
  const cases: CaseResult[] = [];
  for (const file of files) {
    const started = performance.now();
    const loaded = readScenarioFile(file);
    if (!loaded.ok) {
      cases.push({ file, name: file, status: 'invalid', detail: loaded.errors.map((e) => e.message), seconds: 0 });
    } else {
      const { results, stopReason } = runScenario(loaded.scenario, { keepSeries: false });
      const failed = results.expectations.filter((e) => !e.pass);
      const detail = failed.map((e) => `${e.metric} ${e.comparator} ${e.expected}: actual ${e.actual ?? '—'}${e.reason ? ` (${e.reason})` : ''}`);
      if (stopReason === 'maxEvents') detail.push(`stopped at the event cap (${results.events} events)`);
      cases.push({
        file,
        name: loaded.scenario.name,
        status: detail.length === 0 ? 'passed' : 'failed',
        detail: [`${results.expectations.length} expectation(s), digest ${results.digest}`, ...detail],
        seconds: (performance.now() - started) / 1000,
      });
    }
    const c = cases[cases.length - 1];
    const mark = c.status === 'passed' ? 'PASS' : c.status === 'failed' ? 'FAIL' : 'INVALID';
    process.stdout.write(`${mark.padEnd(7)} ${file}  ${c.status === 'passed' ? c.detail[0] : ''}\n`);
    if (c.status !== 'passed') for (const d of c.detail.slice(c.status === 'failed' ? 1 : 0)) process.stdout.write(`        ${d}\n`);
  }
  const passed = cases.filter((c) => c.status === 'passed').length;
  const failed = cases.length - passed + missing.length;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (options.junit) {
    const body = cases
      .map((c) => {
        const inner = c.status === 'passed' ? '' : `<failure message="${xml(c.status)}">${xml(c.detail.join('\n'))}</failure>`;
        return `  <testcase classname="drsim.check" name="${xml(c.file)}" time="${c.seconds.toFixed(3)}">${inner}</testcase>`;
      })
      .join('\n');
    writeFileSync(options.junit, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="drsim check" tests="${cases.length}" failures="${failed}">\n${body}\n</testsuite>\n`);
  }
  if (cases.some((c) => c.status === 'invalid') || missing.length > 0 || files.length === 0) return 2;
  return failed === 0 ? 0 : 1;
}
