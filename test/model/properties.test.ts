// Property tests on random small scenarios (fast-check): bytes are conserved, RPO ≥ 0,
// lag ≤ RPO + the point interval, the link carries exactly what the VMs sent, the clock never goes back, same seed ⇒ same digest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioObject } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

const churnArb = fc.oneof(
  fc.record({ profile: fc.constant('constant'), rate: fc.integer({ min: 0, max: 4000 }).map((k) => `${k}KBps`), jitter: fc.constantFrom(0, 0.3) }),
  fc.record({
    profile: fc.constant('bursty'),
    base: fc.integer({ min: 0, max: 500 }).map((k) => `${k}KBps`),
    burst: fc.integer({ min: 500, max: 12000 }).map((k) => `${k}KBps`),
    every: fc.constantFrom('20m', '1h', '3h'),
    lasting: fc.constantFrom('2m', '10m', '30m'),
  }),
  fc.record({
    profile: fc.constant('diurnal'),
    mean: fc.integer({ min: 10, max: 2000 }).map((k) => `${k}KBps`),
    peak: fc.integer({ min: 2000, max: 6000 }).map((k) => `${k}KBps`),
    peakAt: fc.constantFrom('02:00', '14:30'),
  }),
);

const diskArb = fc.record({
  size: fc.constantFrom('32GiB', '128GiB', '1TiB'),
  used: fc.constantFrom('0B', '1GiB', '5GiB'),
  churn: churnArb,
});

const scenarioArb = fc
  .record({
    type: fc.constantFrom('azure-to-azure', 'hyperv-to-vmm'),
    seed: fc.integer({ min: 1, max: 1000 }),
    bandwidth: fc.constantFrom('20Mbps', '100Mbps', '1Gbps'),
    vms: fc.array(fc.array(diskArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
    frequency: fc.constantFrom('30s', '5m', '15m'),
    fault: fc.constantFrom('none', 'link', 'source', 'degrade'),
    faultAt: fc.integer({ min: 1, max: 10 }),
  })
  .map((p) => {
    const a2a = p.type === 'azure-to-azure';
    const [from, to] = a2a ? ['east', 'west'] : ['madrid', 'sevilla'];
    const events =
      p.fault === 'none'
        ? []
        : [p.fault === 'degrade' ? { at: `${p.faultAt}h`, degrade: 'net', bandwidth: '20%', lasting: '1h' } : { at: `${p.faultAt}h`, outage: p.fault === 'link' ? 'net' : from, lasting: '45m' }];
    return {
      drsim: 1,
      name: 'property',
      seed: p.seed,
      duration: '12h',
      sites: [
        { id: from, kind: a2a ? 'azure-region' : 'vmm-site' },
        { id: to, kind: a2a ? 'azure-region' : 'vmm-site' },
      ],
      links: [{ id: 'net', between: [from, to], bandwidth: p.bandwidth, latency: '10ms' }],
      vms: p.vms.map((disks, i) => ({ id: `vm${i}`, site: from, disks: disks.map((d, j) => ({ id: `d${j}`, ...d })) })),
      replication: [
        { id: 'rep', type: p.type, from, to, vms: p.vms.map((_, i) => `vm${i}`), ...(a2a ? {} : { policy: { frequency: p.frequency } }) },
      ],
      events,
      intervalMs: a2a ? 300_000 : { '30s': 30_000, '5m': 300_000, '15m': 900_000 }[p.frequency]!,
    };
  });

function runWithTrace(object: Record<string, unknown>) {
  const { intervalMs: _interval, ...scenario } = object;
  const loaded = loadScenarioObject(scenario);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const times: number[] = [];
  const { results } = runScenario(loaded.scenario, { logSink: (e) => times.push(e.timeMs) });
  return { results, times };
}

describe('model properties on random small scenarios', () => {
  it('conserve bytes, keep RPO ≥ 0 and lag ≤ RPO + interval, never turn the clock back, and repeat exactly', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const first = runWithTrace(s); // the run itself throws if conservation breaks
        for (let i = 1; i < first.times.length; i++) expect(first.times[i]).toBeGreaterThanOrEqual(first.times[i - 1]);
        for (const vm of Object.values(first.results.vms)) {
          expect(vm.bytes.replicatedBytes!).toBeLessThanOrEqual(vm.bytes.writtenBytes + 1);
          expect(vm.bytes.pendingAtEndBytes!).toBeGreaterThanOrEqual(0);
          if (vm.rpo) {
            expect(vm.rpo.maxMs).toBeGreaterThanOrEqual(0);
            expect(vm.rpo.p50Ms).toBeGreaterThanOrEqual(0);
            // Over the same time (RPO defined), the newest point's data is applied, so lag ≤ RPO ≤ RPO + interval.
            expect(vm.lag!.maxMs).toBeLessThanOrEqual(vm.rpo.maxMs + (s.intervalMs as number));
          }
        }
        // What crossed the link is what the VMs sent: no grant outlives the flow that used it
        // (a flow done between two integer ms hands back what it did not take).
        const vmSent = Object.values(first.results.vms).reduce((sum, vm) => sum + (vm.bytes.sentBytes ?? 0), 0);
        const linkSent = Object.values(first.results.links).reduce((sum, l) => sum + l.sentBytes, 0);
        expect(Math.abs(linkSent - vmSent)).toBeLessThanOrEqual(1e-6 * vmSent + 1000);
        const second = runWithTrace(s);
        expect(second.results.digest).toBe(first.results.digest);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
