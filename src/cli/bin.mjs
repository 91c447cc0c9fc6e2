#!/usr/bin/env node
// The `drsim` executable: registers tsx so the TypeScript sources run directly, then
// hands over to the command-line entry point.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
