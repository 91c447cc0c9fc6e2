// Scenario regressions: every sample in scenarios/ runs through `drsim check` and passes its
// own `expect` block; there are steady and faulted samples of both topologies.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samples = readdirSync(join(root, 'scenarios')).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('sample scenarios', () => {
  it('drsim check scenarios/ passes every sample, one line each, then the counts', () => {
    const r = spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), 'check', join(root, 'scenarios')], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('PASS')).length).toBe(samples.length);
    expect(lines[lines.length - 1]).toBe(`${samples.length} passed, 0 failed`);
  });

  it('there is a steady and a faulted sample for each topology', () => {
    const kinds = samples.map((f) => {
      const text = readFileSync(join(root, 'scenarios', f), 'utf8');
      return { type: /type: (azure-to-azure|hyperv-to-vmm)/.exec(text)?.[1], faulted: /\boutage:/.test(text) };
    });
    for (const type of ['azure-to-azure', 'hyperv-to-vmm']) {
      expect(kinds.some((k) => k.type === type && !k.faulted)).toBe(true);
      expect(kinds.some((k) => k.type === type && k.faulted)).toBe(true);
    }
  });
});
