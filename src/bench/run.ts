// `npm run bench [-- NAME…]`: runs the benchmarks of spec/results.md, one line each,
// `NAME key=value …`. Never fails on time; exits 2 on an unknown name.
//
// Each benchmark runs in a process of its own (this script started again with its name):
// in one process, a benchmark's code would be compiled with the type feedback and run on
// the heap the previous ones left (hyperv-site after fleet-month: 11.6 s, alone: 9.1–9.3 s).
import { spawnSync } from 'node:child_process';
import { kernelHold } from './kernel-hold';
import { stream } from './stream';
import { fleetMonth, hypervSite } from './whole-run';

const benchmarks: Record<string, () => string | Promise<string>> = {
  'kernel-hold': kernelHold,
  'fleet-month': fleetMonth,
  'hyperv-site': hypervSite,
  stream,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(benchmarks);

async function runOne(name: string): Promise<void> {
  console.log(await benchmarks[name]());
}

/** Runs each benchmark in a fresh process (the same entry script, one name), one after another. */
function runEachAlone(): void {
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], name], { stdio: 'inherit' });
    if (child.status !== 0) {
      console.error(`benchmark ${name} failed (exit ${child.status ?? child.signal})`);
      process.exitCode = 1;
    }
  }
}

// No top-level await: this runs as a CommonJS bundle (src/bench/bin.mjs).
if (names.length === 1) void runOne(names[0]);
else runEachAlone();
