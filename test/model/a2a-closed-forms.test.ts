// Azure→Azure against closed forms computed by hand: initial copy time, the steady 5-minute
// saw-tooth RPO, a burst above the per-disk limit (lag grows as t·(1 − limit/churn), keeps
// growing until the burst's bytes are applied, then drains), and the limit-exceeded events.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

const MIN = 60_000;

function run(yaml: string, untilMs?: number) {
  const loaded = loadScenario(yaml);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return runScenario(loaded.scenario, { untilMs }).results;
}

/** One standard-SSD disk (limit 2 MB/s) in eastus replicating to westus over a link. */
function scenario(opts: { used: string; churn: string; latency?: string; duration?: string; events?: string }) {
  return `
drsim: 1
name: a2a closed form
duration: ${opts.duration ?? '1d'}
sites: [{ id: eastus, kind: azure-region }, { id: westus, kind: azure-region }]
links: [{ id: backbone, between: [eastus, westus], bandwidth: 10Gbps, latency: ${opts.latency ?? '0s'} }]
vms:
  - id: vm
    site: eastus
    disks: [{ id: d, size: 512GiB, used: ${opts.used}, type: standard-ssd, churn: ${opts.churn} }]
replication:
  - { id: a2a, type: azure-to-azure, from: eastus, to: westus, vms: [vm] }
${opts.events ?? ''}`;
}

describe('Azure→Azure closed forms', () => {
  it('the initial copy of the used bytes takes used / per-disk limit + latency', () => {
    const r = run(scenario({ used: '10GiB', churn: '{ profile: constant, rate: 0Bps }', latency: '40ms' }));
    // 10 GiB at 2 MB/s = 5,368.709 s → last byte at 5,368,710 ms (whole ms), + 40 ms latency.
    expect(r.vms.vm.initialReplication).toEqual({ startedAtMs: 0, completedAtMs: 5_368_710 + 40 });
    expect(r.vms.vm.state).toBe('protected');
  });

  it('steady churn under the limits: RPO saw-tooths uniformly between δ and 5 min + δ (δ = processing delay + latency)', () => {
    // The run ends the instant the point cut at 24 h becomes available, so every tooth is whole.
    const r = run(scenario({ used: '0B', churn: '{ profile: constant, rate: 1MBps }', latency: '40ms', duration: '1d1m40ms' }));
    const delta = 60_000 + 40;
    const rpo = r.vms.vm.rpo!;
    expect(rpo.maxMs).toBe(5 * MIN + delta);
    expect(rpo.p50Ms).toBe(150_000 + delta);
    expect(rpo.meanMs).toBe(150_000 + delta);
    expect(rpo.p95Ms).toBe(Math.round(0.95 * 300_000) + delta);
    expect(rpo.withinThresholdPct).toBe(100);
    // Points at 5 min, 10 min, … 24 h: 288 cut.
    expect(r.vms.vm.recoveryPoints!.created).toBe(288);
    expect(r.vms.vm.rpo!.atEndMs).toBe(delta);
    expect(r.vms.vm.lag!.maxMs).toBeLessThanOrEqual(40);
    expect(r.alerts).toEqual([]);
  });

  it('a burst above the per-disk limit: lag = 0.75·τ during it, up to 3B when its bytes are applied, then drains to 0 at 6B', () => {
    // Base 1 MB/s; ×8 (8 MB/s) for B = 10 min from 2 h; processing limited to 2 MB/s.
    // During: lag(τ) = τ(1 − 2/8). After: grows as 0.75(B + u) until u = 3B (lag 3B = 30 min), then 6B − u.
    const yaml = scenario({
      used: '0B',
      churn: '{ profile: constant, rate: 1MBps }',
      duration: '6h',
      events: 'events:\n  - { at: 2h, churn: vm/d, multiply: 8, lasting: 10m }',
    });
    const lagAt = (t: number) => run(yaml, t).vms.vm.lag!.maxMs;
    expect(lagAt(2 * 60 * MIN + 4 * MIN)).toBe(0.75 * 4 * MIN);
    expect(lagAt(2 * 60 * MIN + 10 * MIN)).toBe(0.75 * 10 * MIN);
    expect(lagAt(2 * 60 * MIN + 20 * MIN)).toBe(0.75 * 20 * MIN);
    const whole = run(yaml).vms.vm;
    expect(whole.lag!.maxMs).toBe(30 * MIN);
    expect(whole.limitExceededEvents).toBeGreaterThanOrEqual(1);
    // The burst's last byte is applied at 2h + 40 min: the RPO then reaches its worst, 40 min + δ − (time since a point).
    expect(whole.rpo!.maxMs).toBeGreaterThan(30 * MIN);
    expect(whole.bytes.pendingAtEndBytes).toBe(0);
  });
});
