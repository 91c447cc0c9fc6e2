// `drsim run` on bad input exits 2 and says which field is wrong, without a stack trace; a run
// whose expectation fails exits 1; `drsim schema` prints JSON (spec/results.md § Command line).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'drsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function drsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'src/cli/bin.mjs'), ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a file in the temp dir and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `drsim: 1
name: cli test
duration: 1h
sites:
  - { id: eastus, kind: azure-region }
  - { id: westus, kind: azure-region }
vms:
  - id: sql
    site: eastus
    disks: [{ id: os, size: 1GiB, churn: { profile: constant, rate: 1MBps } }]
replication:
  - { id: a2a, type: azure-to-azure, from: eastus, to: westus, vms: [sql] }
`;

/** Node's own crash output: a stack frame line, or an uncaught `Error:` / `TypeError:` ... */
const STACK_TRACE = /^ {4}at |^\w*Error:|node:internal/m;

describe('drsim run on invalid input: exit 2, the field path on stderr, no stack trace, no run', () => {
  it.each<[string, string, string[], string[]]>([
    ['a bare number for a bandwidth', 'bare.yaml', [VALID.replace('  - { id: westus, kind: azure-region }\n', '  - { id: westus, kind: azure-region }\nlinks:\n  - { id: bb, between: [eastus, westus], bandwidth: 100 }\n')], ['links[0].bandwidth: found 100', '100 what?']],
    ['a VM on an unknown site', 'site.yaml', [VALID.replace('site: eastus', 'site: northpole')], ['vms[0].site: found "northpole"']],
    ['a misspelt field', 'typo.yaml', [VALID.replace('site: eastus', 'site: eastus\n    bootTme: 3m')], ['vms[0].bootTme', '"bootTime"?']],
    ['two problems at once', 'two.yaml', [VALID.replace('duration: 1h', 'duration: 1 hour').replace('rate: 1MBps', 'rate: 1mbps')], ['duration: found "1 hour"', 'vms[0].disks[0].churn.rate: found "1mbps"', '2 problems']],
    ['YAML that does not parse', 'yaml.yaml', [VALID.replace('vms: [sql] }', 'vms: [sql }')], ['invalid YAML at line 12']],
    ['a missing trace file', 'trace.yaml', [VALID.replace('{ profile: constant, rate: 1MBps }', '{ profile: trace, file: traces/none.csv }')], ['vms[0].disks[0].churn.file', 'traces/none.csv']],
    ['JSON with a wrong type', 'wrong.json', [JSON.stringify({ drsim: 1, duration: '1h', sites: 'eastus', vms: [] })], ['sites: found "eastus", expected a list', 'vms: found a list of 0 items']],
  ])('%s', (_what, name, [text], mentions) => {
    const r = drsim('run', file(name, text));
    expect(r.status).toBe(2);
    for (const m of mentions) expect(r.stderr).toContain(m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
  });

  it.each<[string, string[], string]>([
    ['an unknown id in --set', ['--set', 'vms.nope.bootTime=1m'], '--set vms.nope.bootTime: found no element "nope" in vms'],
    ['a bad value in --set', ['--set', 'vms.sql.bootTime=3'], 'vms[0].bootTime: found 3'],
    ['a --seed that is not a number', ['--seed', 'abc'], '--seed: found "abc"'],
    ['an --until in words', ['--until', '5 minutes'], '--until'],
  ])('%s', (_what, args, mention) => {
    const r = drsim('run', file('ok-for-options.yaml', VALID), ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
  });

  it('a file that does not exist', () => {
    const r = drsim('run', join(dir, 'no-such-file.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-file.yaml');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('a directory instead of a file', () => {
    const r = drsim('run', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([[['run', '--frobnicate']], [['frobnicate']], [['run']]])('a usage error %j', (args) => {
    const r = drsim(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^drsim: /);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('drsim schema', () => {
  it('exits 0 and prints the JSON Schema of the format on stdout', () => {
    const r = drsim('schema');
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['drsim', 'duration', 'sites', 'vms']) });
    expect(Object.keys(schema.properties)).toContain('replication');
  });
});

describe('drsim run on a valid scenario', () => {
  it.each<[string, string, number]>([
    ['exits 0 when every expectation passes', '  - { metric: vms.sql.bytes.written, atMost: 1TB }', 0],
    ['exits 1 when an expectation fails', '  - { metric: vms.sql.bytes.written, below: 1KB }', 1],
    ['exits 1 when an expectation names no metric of the results', '  - { metric: vms.nope.bytes.written, below: 1KB }', 1],
  ])('%s', (_what, expectation, status) => {
    const r = drsim('run', file(`expect-${status}-${expectation.length}.yaml`, `${VALID}expect:\n${expectation}\n`));
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(status);
  });

  it('--json prints the results object: digest, seed, vms', () => {
    const r = drsim('run', file('json.yaml', VALID), '--json', '--seed', '9');
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results).toMatchObject({ drsim: 1, scenario: 'cli test', seed: 9, simulatedMs: 3_600_000 });
    expect(results.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(results.vms)).toEqual(['sql']);
  });

  it('--series writes every per-VM series as CSV; the results are those of a run without it', () => {
    const path = file('series.yaml', VALID);
    const csv = join(dir, 'series.csv');
    const withSeries = drsim('run', path, '--json', '--series', csv);
    expect(withSeries.status).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    for (const name of ['rpo_ms', 'lag_ms', 'churn_Bps', 'throughput_Bps', 'backlog_bytes']) {
      expect(rows.some((row) => row.startsWith(`sql,${name},`)), name).toBe(true);
    }
    expect(JSON.parse(withSeries.stdout)).toEqual(JSON.parse(drsim('run', path, '--json').stdout));
  });

  it('--set overrides a field of the file for this run', () => {
    const path = file('set.yaml', VALID);
    const a = JSON.parse(drsim('run', path, '--json').stdout);
    const b = JSON.parse(drsim('run', path, '--json', '--set', 'seed=2', '--set', 'duration=30m').stdout);
    expect([a.seed, a.simulatedMs]).toEqual([1, 3_600_000]);
    expect([b.seed, b.simulatedMs]).toEqual([2, 1_800_000]);
  });

  it('a trace file is read beside the scenario, wherever drsim runs from', () => {
    file('beside.csv', 'time_s,write_MBps\n0,1\n600,2\n');
    const r = drsim('run', file('beside.yaml', VALID.replace('{ profile: constant, rate: 1MBps }', '{ profile: trace, file: beside.csv }')), '--json');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
  });
});
