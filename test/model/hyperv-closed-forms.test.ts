// Hyper-V Replica against closed forms computed by hand: initial replication over a link
// (VHDs one by one, compressed), the steady saw-tooth RPO, and a log that overruns the link
// reaching the 50% resync trigger at the computed time.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

const GiB = 1024 ** 3;

function run(yaml: string, untilMs?: number, trace?: string[]) {
  const loaded = loadScenario(yaml);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return runScenario(loaded.scenario, { untilMs, logSink: trace ? (_e, line) => trace.push(line) : undefined }).results;
}

function scenario(opts: { disks: string; bandwidth: string; latency: string; policy?: string; duration?: string }) {
  return `
drsim: 1
name: hyper-v closed form
duration: ${opts.duration ?? '1d'}
sites: [{ id: madrid, kind: vmm-site }, { id: sevilla, kind: vmm-site }]
links: [{ id: wan, between: [madrid, sevilla], bandwidth: ${opts.bandwidth}, latency: ${opts.latency} }]
vms:
  - id: vm
    site: madrid
    disks: ${opts.disks}
replication:
  - { id: hvr, type: hyperv-to-vmm, from: madrid, to: sevilla, vms: [vm], policy: ${opts.policy ?? '{}'} }
`;
}

describe('Hyper-V Replica closed forms', () => {
  it('initial replication sends the VHDs one by one: Σ (used × compression / bandwidth + latency)', () => {
    const r = run(
      scenario({
        disks: '[{ id: os, size: 40GiB, used: 10GiB }, { id: data, size: 100GiB, used: 20GiB }]',
        bandwidth: '100Mbps',
        latency: '20ms',
      }),
    );
    // 100 Mbps = 12,500 bytes/ms. OS: 5 GiB → ⌈5,368,709,120 / 12,500⌉ = 429,497 ms + 20 ms.
    // Data: 10 GiB → ⌈10,737,418,240 / 12,500⌉ = 858,994 ms + 20 ms, starting when the OS VHD landed.
    const expected = Math.ceil((5 * GiB) / 12_500) + 20 + Math.ceil((10 * GiB) / 12_500) + 20;
    expect(expected).toBe(1_288_531);
    expect(r.vms.vm.initialReplication).toEqual({ startedAtMs: 0, completedAtMs: expected });
    expect(r.vms.vm.bytes.sentBytes).toBeGreaterThanOrEqual(15 * GiB);
  });

  it('steady churn: RPO saw-tooths uniformly between a and 5 min + a (a = send + latency + apply of one log)', () => {
    // 1 MB/s for 300 s: a 300 MB log; compressed to 150 MB over 12.5 MB/s = 12 s; + 20 ms; applied at 200 MB/s = 1.5 s.
    const a = 12_000 + 20 + 1_500;
    const r = run(
      scenario({
        disks: '[{ id: d, size: 100GiB, used: 0B, churn: { profile: constant, rate: 1MBps } }]',
        bandwidth: '100Mbps',
        latency: '20ms',
        duration: '1d13s520ms', // ends the instant the point cut at 24 h becomes available
      }),
    );
    const rpo = r.vms.vm.rpo!;
    expect(rpo.maxMs).toBe(300_000 + a);
    expect(rpo.p50Ms).toBe(150_000 + a);
    expect(rpo.meanMs).toBe(150_000 + a);
    expect(rpo.atEndMs).toBe(a);
    expect(r.vms.vm.recoveryPoints!.created).toBe(288);
    expect(r.vms.vm.resyncs).toBe(0);
    expect(r.vms.vm.health!.warningMs + r.vms.vm.health!.criticalMs).toBe(0);
  });

  it('a log that overruns the link reaches the 50% resync trigger at the computed time', () => {
    // 20 MB/s of churn, no compression, a 10 MB/s link, 5-minute cycles, no latency:
    // t=300 s: 6,000 MB log sent (600 s) — cycles at 600 s missed; t=900 s: 12,000 MB (1,200 s);
    // t=2,100 s: 24,000 MB (2,400 s); t=4,500 s: 48,000 MB sent while the new log grows at 20 MB/s:
    // it passes 50% of the 100 GiB VHD (53,687,091,200 bytes) after 2,684.35456 s.
    const trace: string[] = [];
    const r = run(
      scenario({
        disks: '[{ id: d, size: 100GiB, used: 0B, churn: { profile: constant, rate: 20MBps } }]',
        bandwidth: '10MBps',
        latency: '0s',
        policy: '{ compression: 1 }',
        duration: '3h',
      }),
      undefined,
      trace,
    );
    const expectedMs = 4_500_000 + Math.ceil((0.5 * 100 * GiB) / 20_000);
    const resync = trace.find((l) => l.includes('resync-required'));
    expect(resync).toBe(`${expectedMs} resync-required vm log over threshold`);
    expect(r.vms.vm.resyncs).toBeGreaterThanOrEqual(1);
    expect(r.vms.vm.peakLogBytes).toBeGreaterThanOrEqual(50 * GiB);
    expect(r.vms.vm.health!.criticalMs).toBeGreaterThan(0);
    expect(trace.filter((l) => l.includes('cycle-missed')).length).toBeGreaterThan(5);
  });
});
