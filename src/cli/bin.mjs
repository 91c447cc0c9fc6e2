#!/usr/bin/env node
// The `drsim` executable: builds (or reuses) one bundle of the command line and runs it
// (src/cli/bundle.mjs says why a bundle rather than a TypeScript loader).
import { runBundled } from './bundle.mjs';

await runBundled('src/cli/main.ts', 'drsim');
