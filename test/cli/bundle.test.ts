// The command line's bundle cache (src/cli/bundle.mjs): built once, reused while its inputs
// are unchanged, rebuilt when any file it was built from changes.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleOf } from '../../src/cli/bundle.mjs';

const load = createRequire(import.meta.url);

describe('bundleOf', () => {
  let root: string;
  let cacheDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'drsim-bundle-'));
    cacheDir = join(root, 'cache');
    writeFileSync(join(root, 'entry.ts'), "import { rate } from './rate';\nexport const answer: number = rate * 2;\n");
    writeFileSync(join(root, 'rate.ts'), 'export const rate: number = 21;\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds one CommonJS file of the entry and everything it imports', async () => {
    const bundle = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(bundle.startsWith(join(cacheDir, 'demo-'))).toBe(true);
    expect(bundle.endsWith('.cjs')).toBe(true);
    expect(load(bundle).answer).toBe(42);
  });

  it('reuses the bundle while no input has changed', async () => {
    const first = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    const builtAt = statSync(first).mtimeMs;
    const manifest = readFileSync(join(cacheDir, 'demo.json'), 'utf8');
    const second = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(second).toBe(first);
    expect(statSync(second).mtimeMs).toBe(builtAt);
    expect(readFileSync(join(cacheDir, 'demo.json'), 'utf8')).toBe(manifest);
  });

  it('rebuilds when a file the entry imports changes', async () => {
    const first = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    writeFileSync(join(root, 'rate.ts'), 'export const rate: number = 50;\n');
    const second = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(second).not.toBe(first);
    expect(load(second).answer).toBe(100);
  });

  it('rebuilds when the bundle it names has gone', async () => {
    const first = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    rmSync(first);
    const second = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(second).toBe(first); // the same sources give the same content, so the same name
    expect(load(second).answer).toBe(42);
  });
});
