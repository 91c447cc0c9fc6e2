// The command line's bundle cache (src/cli/bundle.mjs): built once, reused while its inputs
// are unchanged, rebuilt when any file it was built from changes.
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
    // Written a minute ago: a file modified after a build began counts as edited during it.
    const before = new Date(Date.now() - 60_000);
    for (const file of ['entry.ts', 'rate.ts']) utimesSync(join(root, file), before, before);
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
    // A rebuild would write the manifest again (a new file renamed over it).
    const manifest = statSync(join(cacheDir, 'demo.json'));
    const second = await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(second).toBe(first);
    const after = statSync(join(cacheDir, 'demo.json'));
    expect([after.ino, after.mtimeMs]).toEqual([manifest.ino, manifest.mtimeMs]);
  });

  it('rebuilds next time when a file changed while the build read it', async () => {
    utimesSync(join(root, 'rate.ts'), new Date(), new Date(Date.now() + 5_000)); // as if saved during the build
    await bundleOf('entry.ts', 'demo', { root, cacheDir });
    const manifest = statSync(join(cacheDir, 'demo.json'));
    await bundleOf('entry.ts', 'demo', { root, cacheDir });
    expect(statSync(join(cacheDir, 'demo.json')).ino).not.toBe(manifest.ino);
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
