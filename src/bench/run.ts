// `npm run bench [-- NAME…]`: runs the benchmarks of spec/results.md, one line each,
// `NAME key=value …`. Never fails on time; exits 2 on an unknown name.
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
async function runAll(): Promise<void> {
  for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) {
    console.log(await benchmarks[name]());
  }
}

// No top-level await: this runs as a CommonJS bundle (src/bench/bin.mjs).
void runAll();
