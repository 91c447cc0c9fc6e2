// `npm run bench`: runs the benchmarks (run.ts) as one bundle, the way `drsim` runs (see
// src/cli/bundle.mjs: on Node 20 the simulator executes faster from one function scope than
// module by module).
import { runBundled } from '../cli/bundle.mjs';

await runBundled('src/bench/run.ts', 'bench');
