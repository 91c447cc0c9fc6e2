// Azure→Azure semantics against hand computations from spec/model.md (§1, §2): the per-disk
// and per-VM limits as seen through a run, fair shares of the link and the cache account,
// point schedules, retention, multi-VM groups, region / VM outages, `throttle` and `churn`
// events, the 15-minute limit windows, the RPO-threshold alert and `startAt`.
//
// Conventions of the scenarios below (unless said otherwise): eastus → westus over an explicit
// 10 Gbps link with no latency (so A(t) = P(t)), disks with `used: 0B` (the initial copy is
// empty: replication is protected at startAt), processing delay 60 s (the default).
import { describe, expect, it } from 'vitest';
import { loadScenarioObject } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const MB = 1_000_000;
const GiB = 1024 ** 3;

type Obj = Record<string, unknown>;

function run(scenario: Obj, untilMs?: number) {
  const loaded = loadScenarioObject(scenario);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const log: string[] = [];
  const { results } = runScenario(loaded.scenario, { untilMs, logSink: (_e, line) => log.push(line) });
  return { results, log };
}

function disk(id: string, churn: string, extra: Obj = {}): Obj {
  return { id, size: '512GiB', used: '0B', type: 'standard-ssd', churn: { profile: 'constant', rate: churn }, ...extra };
}

function vm(id: string, disks: Obj[]): Obj {
  return { id, site: 'eastus', disks };
}

function scenario(o: { duration: string; vms: Obj[]; policy?: Obj; events?: Obj[]; bandwidth?: string; latency?: string; repl?: Obj }): Obj {
  return {
    drsim: 1,
    name: 'a2a semantics',
    duration: o.duration,
    sites: [
      { id: 'eastus', kind: 'azure-region' },
      { id: 'westus', kind: 'azure-region' },
    ],
    links: [{ id: 'backbone', between: ['eastus', 'westus'], bandwidth: o.bandwidth ?? '10Gbps', latency: o.latency ?? '0s' }],
    vms: o.vms,
    replication: [
      {
        id: 'a2a',
        type: 'azure-to-azure',
        from: 'eastus',
        to: 'westus',
        vms: o.vms.map((v) => v.id as string),
        policy: o.policy ?? {},
        ...(o.repl ?? {}),
      },
    ],
    events: o.events ?? [],
  };
}

/** Log lines of one kind (`<ms> <kind> <subject> <detail>`). */
function lines(log: string[], kind: string): string[] {
  return log.filter((l) => l.split(' ')[1] === kind);
}

/** The T (ms) of every available point of a scope, in order, from the `point` lines. */
function pointTimes(log: string[], subject: string): number[] {
  return lines(log, 'point')
    .filter((l) => l.split(' ')[2] === subject)
    .map((l) => Number(/t=(\d+)/.exec(l)![1]));
}

describe('Azure→Azure per-disk limits (model.md §2 table) seen through a run', () => {
  // One disk writing 60 MB/s for 600 s. The per-VM limit (54 MB/s, 100 MB/s with highChurn)
  // is above every per-disk limit ≤ 50 MB/s, so the upload keeps the cache at least at the
  // disk limit L and processing drains at L: W − A = (60 − L) MB/s × 600 s at the end.
  // With highChurn off the upload is capped at 54 MB/s, which is still ≥ L.
  // Rows at I/O sizes between listed ones (e.g. 12 KiB) and premium sizes the table does not
  // name (256–512 GiB normal, < 128 GiB high churn) are left out: the spec does not say.
  const rows: { type: string; size: string; io: string; highChurn: boolean; limitMBps: number }[] = [
    // normal churn
    { type: 'standard-hdd', size: '512GiB', io: '8KiB', highChurn: false, limitMBps: 2 },
    { type: 'standard-ssd', size: '512GiB', io: '64KiB', highChurn: false, limitMBps: 2 },
    { type: 'premium-ssd', size: '128GiB', io: '8KiB', highChurn: false, limitMBps: 2 },
    { type: 'premium-ssd', size: '128GiB', io: '16KiB', highChurn: false, limitMBps: 4 },
    { type: 'premium-ssd', size: '256GiB', io: '32KiB', highChurn: false, limitMBps: 8 },
    { type: 'premium-ssd', size: '256GiB', io: '64KiB', highChurn: false, limitMBps: 8 },
    { type: 'premium-ssd', size: '512GiB', io: '8KiB', highChurn: false, limitMBps: 5 },
    { type: 'premium-ssd', size: '512GiB', io: '16KiB', highChurn: false, limitMBps: 20 },
    { type: 'premium-ssd', size: '4TiB', io: '64KiB', highChurn: false, limitMBps: 20 },
    // high churn
    { type: 'standard-ssd', size: '512GiB', io: '8KiB', highChurn: true, limitMBps: 2 },
    { type: 'standard-hdd', size: '512GiB', io: '16KiB', highChurn: true, limitMBps: 4 },
    { type: 'standard-ssd', size: '512GiB', io: '24KiB', highChurn: true, limitMBps: 6 },
    { type: 'standard-ssd', size: '512GiB', io: '32KiB', highChurn: true, limitMBps: 8 },
    { type: 'premium-ssd', size: '128GiB', io: '8KiB', highChurn: true, limitMBps: 10 },
    { type: 'premium-ssd', size: '512GiB', io: '16KiB', highChurn: true, limitMBps: 20 },
    { type: 'premium-ssd', size: '1000GiB', io: '24KiB', highChurn: true, limitMBps: 30 },
    { type: 'premium-ssd', size: '1TiB', io: '8KiB', highChurn: true, limitMBps: 20 },
    { type: 'premium-ssd', size: '1TiB', io: '16KiB', highChurn: true, limitMBps: 35 },
    { type: 'premium-ssd', size: '2TiB', io: '24KiB', highChurn: true, limitMBps: 50 },
    { type: 'premium-ssd', size: '4TiB', io: '64KiB', highChurn: true, limitMBps: 50 },
  ];
  for (const row of rows) {
    it(`${row.type} ${row.size} at ${row.io}${row.highChurn ? ' (highChurn)' : ''}: ${row.limitMBps} MB/s, backlog grows at churn − limit`, () => {
      const { results } = run(
        scenario({
          duration: '10m',
          vms: [vm('vm', [disk('d', '60MBps', { type: row.type, size: row.size, ioSize: row.io })])],
          policy: { highChurn: row.highChurn },
        }),
      );
      const v = results.vms.vm;
      // W = 60 MB/s × 600 s = 36,000 MB; A = L × 600 s.
      expect(v.bytes.writtenBytes).toBe(36_000 * MB);
      expect(v.bytes.replicatedBytes).toBeCloseTo(row.limitMBps * 600 * MB, -1);
      expect(v.bytes.pendingAtEndBytes).toBeCloseTo((60 - row.limitMBps) * 600 * MB, -1);
    });
  }

  it('a disk `limit` override replaces the documented limit', () => {
    // Standard disk (2 MB/s documented) with limit 7 MB/s, churn 10 MB/s for 600 s: backlog 3 × 600 MB.
    const { results } = run(scenario({ duration: '10m', vms: [vm('vm', [disk('d', '10MBps', { limit: '7MBps' })])] }));
    expect(results.vms.vm.bytes.pendingAtEndBytes).toBeCloseTo(1_800 * MB, -1);
  });
});

describe('Azure→Azure per-VM limit and shared capacities', () => {
  it('the per-VM limit (54 MB/s) is shared by the VM’s disks; 100 MB/s with highChurn', () => {
    // Two disks at 40 MB/s each (per-disk limit overridden to 50 MB/s): 80 MB/s > 54 MB/s.
    // Upload is capped at 54 MB/s for the VM ⇒ W − A = (80 − 54) MB/s × 600 s = 15,600 MB.
    const disks = [disk('a', '40MBps', { limit: '50MBps' }), disk('b', '40MBps', { limit: '50MBps' })];
    const normal = run(scenario({ duration: '10m', vms: [vm('vm', disks)] })).results.vms.vm;
    expect(normal.bytes.writtenBytes).toBe(48_000 * MB);
    expect(normal.bytes.pendingAtEndBytes).toBeCloseTo(15_600 * MB, -1);
    // highChurn: 100 MB/s per VM ≥ 80 MB/s and each disk's 40 MB/s ≤ 50 MB/s: nothing left behind.
    const high = run(scenario({ duration: '10m', vms: [vm('vm', disks)], policy: { highChurn: true } })).results.vms.vm;
    expect(high.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
  });

  it('the per-VM limit is shared max-min fairly: a light disk gets its churn, the heavy one the rest', () => {
    // Disk a 10 MB/s, disk b 60 MB/s (limits overridden to 100 MB/s): 54 MB/s shared ⇒ a 10, b 44.
    // Only b lags: lag_b(t) = t − W_b⁻¹(A_b(t)) = t − 44t/60 = t·16/60. At t = 30 min (a lag
    // sample instant): 1,800 s × 16/60 = 480 s. (An equal split, 27 each, would give 990 s.)
    const { results } = run(
      scenario({ duration: '30m', vms: [vm('vm', [disk('a', '10MBps', { limit: '100MBps' }), disk('b', '60MBps', { limit: '100MBps' })])] }),
    );
    const v = results.vms.vm;
    expect(v.bytes.pendingAtEndBytes).toBeCloseTo(16 * 1_800 * MB, -1);
    expect(v.lag!.maxMs).toBeCloseTo(480 * SEC, -1);
  });

  it('two VMs on a saturated link: max-min fair share (the light VM is served in full)', () => {
    // Link 8 MB/s. VM a writes 2 MB/s, VM b 10 MB/s (limit overridden 20 MB/s). Water-filling:
    // a gets 2 (< 4, its equal share), b the remaining 6. Over 600 s: a has nothing pending,
    // b has (10 − 6) × 600 = 2,400 MB pending. (A proportional split would leave a behind.)
    const { results } = run(
      scenario({
        duration: '10m',
        bandwidth: '8MBps',
        vms: [vm('a', [disk('d', '2MBps')]), vm('b', [disk('d', '10MBps', { limit: '20MBps' })])],
      }),
    );
    expect(results.vms.a.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
    expect(results.vms.b.bytes.pendingAtEndBytes).toBeCloseTo(2_400 * MB, -1);
    expect(results.links.backbone.sentBytes).toBeCloseTo(8 * 600 * MB, -3);
    expect(results.links.backbone.saturatedMs).toBe(600 * SEC);
  });

  it('the cache account’s throughput is shared max-min fairly by the VMs uploading into it', () => {
    // cacheThroughput 5 MB/s; VM a 1 MB/s, VM b 10 MB/s (limit 20): a gets 1, b gets 4.
    // After 600 s: a nothing pending, b (10 − 4) × 600 = 3,600 MB.
    const { results } = run(
      scenario({
        duration: '10m',
        policy: { cacheThroughput: '5MBps' },
        vms: [vm('a', [disk('d', '1MBps')]), vm('b', [disk('d', '10MBps', { limit: '20MBps' })])],
      }),
    );
    expect(results.vms.a.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
    expect(results.vms.b.bytes.pendingAtEndBytes).toBeCloseTo(3_600 * MB, -1);
  });
});
