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

describe('Azure→Azure recovery points', () => {
  it('crash points every 5 min and app-consistent points at the policy interval, from startAt', () => {
    // startAt 0, appConsistentEvery 1h, 1 MB/s (under the 2 MB/s limit: A keeps up with W), so
    // a point cut at T is available at T + 60 s. Run 3h2m: points T = 5 min … 3 h (36 distinct
    // instants; the last, 3h, is available at 3h1m). The points at 1h, 2h, 3h are app-consistent.
    const { results, log } = run(scenario({ duration: '3h2m', vms: [vm('vm', [disk('d', '1MBps')])], policy: { appConsistentEvery: '1h' } }));
    const points = lines(log, 'point').filter((l) => l.split(' ')[2] === 'vm');
    const expectedTimes = Array.from({ length: 36 }, (_, k) => (k + 1) * 5 * MIN);
    expect(pointTimes(log, 'vm')).toEqual(expectedTimes);
    // Each is logged the instant it becomes available: T + processing delay.
    for (const l of points) expect(Number(l.split(' ')[0])).toBe(Number(/t=(\d+)/.exec(l)![1]) + 60 * SEC);
    const app = points.filter((l) => l.includes(' app ')).map((l) => Number(/t=(\d+)/.exec(l)![1]));
    expect(app).toEqual([1 * HOUR, 2 * HOUR, 3 * HOUR]);
    expect(results.vms.vm.recoveryPoints!.appConsistentCreated).toBe(3);
  });

  it('startAt > 0: points at startAt + k·5 min, the first after the initial copy; writes before startAt are not shipped', () => {
    // startAt 7 min; disk used 1 GiB, 1 MB/s, standard (2 MB/s).
    // Initial copy: 1,073,741,824 B at 2 MB/s = 536,870.912 ms → lands at 420,000 + 536,871 = 956,871 ms.
    // Boundaries 720 s, 1,020 s, …: the first after 956.871 s is T = 1,020,000 ms.
    // Processing starts when the copy lands with a cache backlog, draining at 2 MB/s:
    // P(t) − P(956.871 s) = 2 MB/s·(t − 956.871 s) reaches W(1,020 s) − W(420 s) = 600 MB at
    // t = 1,256,871 ms, + 60 s delay ⇒ available at 1,316,871 ms.
    // sentBytes at the end (all drained by then): used + W(2h) − W(7 min) = 1 GiB + 6,780 MB.
    const { results, log } = run(
      scenario({ duration: '2h', vms: [vm('vm', [disk('d', '1MBps', { used: '1GiB' })])], repl: { startAt: '7m' } }),
    );
    const v = results.vms.vm;
    expect(v.initialReplication).toEqual({ startedAtMs: 7 * MIN, completedAtMs: 956_871 });
    const times = pointTimes(log, 'vm');
    expect(times[0]).toBe(1_020_000);
    for (const t of times) expect((t - 7 * MIN) % (5 * MIN)).toBe(0);
    expect(lines(log, 'point')[0]).toBe('1316871 point vm crash t=1020000');
    expect(v.bytes.writtenBytes).toBe(7_200 * MB);
    expect(v.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
    expect(v.bytes.sentBytes).toBeCloseTo(GiB + 6_780 * MB, -1);
  });

  // Retention (model.md §2 table). Reading chosen where the spec is silent: beyond the newest
  // 2 h (age ≤ 2 h: every 5-min point, i.e. 24 of them), "1 per hour" means one point per hour
  // of *age* up to the retention (a 24 h retention keeps (24 − 2) = 22 hourly points, as the
  // service's tables count them), likewise per 2 h / 4 h; nothing older than the retention.
  // Ends are chosen 2 min past a boundary so no point sits on an edge. (The other reading, one
  // per clock hour ⌊T/1h⌋ overlapping the window, would count one more: a partly expired
  // oldest hour.)
  it('retention 24 h: every point of the newest 2 h, then one per hour up to 24 h', () => {
    // End E = 30h2m. Available points: T = 5 min … 30h (30h is available at 30h1m): 360 cut
    // (the one cut at 30h counts). Age ≤ 2 h: T ≥ 28h2m ⇒ 28h05 … 30h00 = 24 points.
    // 2 h < age ≤ 24 h: 22 hours of age ⇒ 22 points. Total 46.
    const { results } = run(scenario({ duration: '30h2m', vms: [vm('vm', [disk('d', '100KBps')])] }));
    expect(results.vms.vm.recoveryPoints!.created).toBe(360);
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(24 + 22);
  });

  it('retention 2 days: every point of the newest 2 h, then one per 2 hours', () => {
    // E = 54h2m. Age ≤ 2 h: 24 points. 2 h < age ≤ 48 h: 46 h / 2 h = 23 points. Total 47.
    const { results } = run(scenario({ duration: '54h2m', vms: [vm('vm', [disk('d', '100KBps')])], policy: { retention: '2d' } }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(24 + 23);
  });

  it('retention 8 days: 1 per 2 h for 7 days, then 1 per 4 h', () => {
    // E = 196h2m (8d4h2m). Age ≤ 2 h: 24 points. 2 h < age ≤ 168 h: 166 h / 2 h = 83.
    // 168 h < age ≤ 192 h: 24 h / 4 h = 6. Total 113.
    const { results } = run(scenario({ duration: '196h2m', vms: [vm('vm', [disk('d', '100KBps')])], policy: { retention: '8d' } }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(24 + 83 + 6);
  });

  it('a retention of 1 h keeps every point of the last hour and nothing older', () => {
    // E = 5h2m: points of age ≤ 1 h are T = 4h05 … 5h00 = 12.
    const { results } = run(scenario({ duration: '5h2m', vms: [vm('vm', [disk('d', '100KBps')])], policy: { retention: '1h' } }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(12);
  });
});

describe('Azure→Azure multi-VM groups', () => {
  it('one point time for all members; the group’s RPO follows the slowest member', () => {
    // a: 1 MB/s (keeps up). b: 3 MB/s on a 2 MB/s disk: A_b(t) = 2t, W_b(T) = 3T ⇒ a point T is
    // applied on b at 1.5·T, available at 1.5·T + 60 s. At E = 1 h (3,600 s) the newest
    // available is the largest multiple of 300 s with 1.5·T + 60 ≤ 3,600 ⇒ T = 2,100 s
    // (T = 2,400 s would need 3,660 s). RPO at end = 3,600 − 2,100 = 1,500 s, for both.
    // Alone, a's RPO would be 5 min + 60 s at most.
    const { results, log } = run(
      scenario({
        duration: '1h',
        vms: [vm('a', [disk('d', '1MBps')]), vm('b', [disk('d', '3MBps')])],
        policy: { multiVmGroups: [['a', 'b']] },
      }),
    );
    expect(results.vms.a.rpo!.atEndMs).toBe(1_500 * SEC);
    expect(results.vms.b.rpo!.atEndMs).toBe(1_500 * SEC);
    expect(results.vms.a.rpo).toEqual(results.vms.b.rpo);
    const subjects = new Set(lines(log, 'point').map((l) => l.split(' ')[2]));
    expect([...subjects]).toEqual(['a2a/group-1']);
    // Points T = 300 … 2,100 s: 7 of them, shared.
    expect(pointTimes(log, 'a2a/group-1')).toEqual([300, 600, 900, 1200, 1500, 1800, 2100].map((s) => s * SEC));
    expect(results.vms.a.recoveryPoints!.created).toBe(results.vms.b.recoveryPoints!.created);
  });

  it('a VM outside the group keeps its own points', () => {
    const { log } = run(
      scenario({
        duration: '20m',
        vms: [vm('a', [disk('d', '1MBps')]), vm('b', [disk('d', '1MBps')]), vm('c', [disk('d', '1MBps')])],
        policy: { multiVmGroups: [['a', 'b']] },
      }),
    );
    expect(pointTimes(log, 'a2a/group-1')).toEqual([5 * MIN, 10 * MIN, 15 * MIN]);
    expect(pointTimes(log, 'c')).toEqual([5 * MIN, 10 * MIN, 15 * MIN]);
    expect(pointTimes(log, 'a')).toEqual([]);
  });
});
