import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

function scenario(yaml: string) {
  const r = loadScenario(yaml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

const base = `
drsim: 1
name: t
duration: 1d
sites: [{ id: eastus, kind: azure-region }]
vms:
  - id: vm
    site: eastus
    disks:
      - { id: d, size: 1TiB, churn: { profile: constant, rate: 2MBps } }
`;

describe('runScenario', () => {
  it('a constant 2 MB/s disk writes exactly 2 MB/s × 86,400 s in a day', () => {
    const { results, stopReason } = runScenario(scenario(base));
    expect(stopReason).toBe('until');
    expect(results.simulatedMs).toBe(86_400_000);
    expect(results.vms.vm.bytes.writtenBytes).toBe(2_000_000 * 86_400);
  });

  it('a churn ×4 event for 30 minutes adds 3 × 2 MB/s × 1,800 s', () => {
    const { results } = runScenario(scenario(`${base}\nevents:\n  - { at: 20h, churn: vm/d, multiply: 4, lasting: 30m }\n`));
    expect(results.vms.vm.bytes.writtenBytes).toBe(2_000_000 * 86_400 + 3 * 2_000_000 * 1_800);
  });

  it('untilMs stops early; the digest covers only what ran', () => {
    const s = scenario(base);
    const half = runScenario(s, { untilMs: 43_200_000 });
    expect(half.results.simulatedMs).toBe(43_200_000);
    expect(half.results.vms.vm.bytes.writtenBytes).toBe(2_000_000 * 43_200);
    expect(half.results.digest).not.toBe(runScenario(s).results.digest);
  });

  it('maxEvents caps a run and says so', () => {
    const s = scenario(base.replace('{ profile: constant, rate: 2MBps }', '{ profile: bursty, base: 1MBps, burst: 5MBps, every: 1s, lasting: 1s }'));
    const { stopReason, results } = runScenario(s, { maxEvents: 500 });
    expect(stopReason).toBe('maxEvents');
    expect(results.events).toBe(500);
    expect(results.simulatedMs).toBeLessThan(86_400_000);
  });

  it('expectations are checked against the results, with units', () => {
    const s = scenario(`${base}\nexpect:\n  - { metric: vms.vm.bytes.written, equals: 172.8GB }\n  - { metric: vms.vm.bytes.written, below: 100GB }\n  - { metric: simulated, atLeast: 1d }\n  - { metric: vms.nope.rpo.max, below: 1m }\n`);
    const e = runScenario(s).results.expectations;
    expect(e.map((x) => x.pass)).toEqual([true, false, true, false]);
    expect(e[1].actual).toBe(172_800_000_000);
    expect(e[3].reason).toMatch(/no metric/);
  });
});

describe('runScenario series', () => {
  it('records per-VM RPO series whose extremes match the RPO statistics', () => {
    const s = scenario(`
drsim: 1
name: series
duration: 1d1m40ms
sites: [{ id: east, kind: azure-region }, { id: west, kind: azure-region }]
links: [{ id: l, between: [east, west], bandwidth: 1Gbps, latency: 40ms }]
vms: [{ id: vm, site: east, disks: [{ id: d, size: 64GiB, used: 0B, churn: { profile: constant, rate: 1MBps } }] }]
replication: [{ id: r, type: azure-to-azure, from: east, to: west, vms: [vm] }]
`);
    const { results, metrics } = runScenario(s);
    const rpo = metrics.vm('vm').series.rpo_ms.buckets();
    expect(Math.max(...rpo.map((b) => b.max))).toBe(results.vms.vm.rpo!.maxMs);
    expect(Math.min(...rpo.map((b) => b.min))).toBe(60_040);
    const churn = metrics.vm('vm').series.churn_Bps.buckets();
    expect(churn.every((b) => b.min === 1_000_000 && b.max === 1_000_000)).toBe(true);

    // Without series (a batch run without --series): the same results, and nothing recorded.
    const bare = runScenario(s, { keepSeries: false });
    expect(bare.results).toEqual(results);
    expect(bare.metrics.vm('vm').series.rpo_ms.buckets()).toEqual([]);
    expect(bare.metrics.vm('vm').series.churn_Bps.buckets()).toEqual([]);
  });
});
