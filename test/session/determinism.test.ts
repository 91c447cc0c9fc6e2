// Same scenario + seed ⇒ the same digest, across fresh processes; another seed on a
// bursty scenario ⇒ another digest.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'src', 'cli', 'bin.mjs');

function digestOf(file: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [bin, 'run', join(root, file), '--json', ...args], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).digest;
}

describe('run determinism', () => {
  it('the same file and seed give the same digest in two fresh processes', () => {
    const first = digestOf('scenarios/hyperv-nightly-batch.yaml');
    const second = digestOf('scenarios/hyperv-nightly-batch.yaml');
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toBe(first);
  });

  it('another --seed on a bursty scenario gives another digest', () => {
    const a = digestOf('scenarios/hyperv-nightly-batch.yaml', '--seed', '1');
    const b = digestOf('scenarios/hyperv-nightly-batch.yaml', '--seed', '2');
    expect(a).not.toBe(b);
  });

  it('a change to one field changes the digest, and --set back restores it', () => {
    const base = digestOf('scenarios/a2a-steady.yaml');
    const changed = digestOf('scenarios/a2a-steady.yaml', '--set', 'vms.sql.disks.data.churn.mean=4MBps');
    const restored = digestOf('scenarios/a2a-steady.yaml', '--set', 'vms.sql.disks.data.churn.mean=3MBps');
    expect(changed).not.toBe(base);
    expect(restored).toBe(base);
  });
});
