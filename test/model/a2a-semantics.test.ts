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

  // Retention (model.md §2 table). Reading chosen where the spec is silent: "1 per hour"
  // (per 2 h, per 4 h) keeps, of each clock bucket ⌊T / bucket⌋ (startAt is 0 here), the first
  // point cut in it (at hh:00, or the first after startAt), for as long as that point is within
  // the retention; every point of age ≤ 2 h is kept; nothing older than the retention.
  // (An hour whose kept point expired does not fall back to a younger point of that hour:
  // those were thinned away already.) Ends are 2 min past a boundary so no point sits on an edge.
  it('retention 24 h: every point of the newest 2 h, then one per hour up to 24 h', () => {
    // End E = 30h2m. Available points: T = 5 min … 30h (30h is available at 30h1m): 360 cut.
    // Age ≤ 2 h: T ≥ 28h2m ⇒ 28h05 … 30h00 = 24 points.
    // Hourly: the point at k·1h for k·1h ∈ [E − 24h, E − 2h) = [6h2m, 28h2m) ⇒ k = 7 … 28 = 22.
    // Total 46.
    const { results } = run(scenario({ duration: '30h2m', vms: [vm('vm', [disk('d', '100KBps')])] }));
    expect(results.vms.vm.recoveryPoints!.created).toBe(360);
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(24 + 22);
  });

  it('retention 24 h, shortly after start: the first hour keeps its first point (00:05)', () => {
    // E = 3h2m. Age ≤ 2 h: 1h05 … 3h00 = 24. Hour 0: its first point 0h05 (age 2h57m);
    // hour 1: 1h00 (age 2h2m). Total 26.
    const { results } = run(scenario({ duration: '3h2m', vms: [vm('vm', [disk('d', '100KBps')])] }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(26);
  });

  it('retention 2 days: every point of the newest 2 h, then one per 2 hours', () => {
    // E = 54h2m. Age ≤ 2 h: 24 points. 2-hourly: 2k h ∈ [6h2m, 52h2m) ⇒ k = 4 … 26 = 23. Total 47.
    const { results } = run(scenario({ duration: '54h2m', vms: [vm('vm', [disk('d', '100KBps')])], policy: { retention: '2d' } }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(24 + 23);
  });

  it('retention 8 days: 1 per 2 h for 7 days, then 1 per 4 h', () => {
    // E = 196h2m (8d4h2m). Age ≤ 2 h: 24 points.
    // Age in (2 h, 168 h]: 2k h ∈ [28h2m, 194h2m) ⇒ k = 15 … 97 = 83.
    // Age in (168 h, 192 h]: 4k h ∈ [4h2m, 28h2m) ⇒ k = 2 … 7 = 6. Total 113.
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

describe('Azure→Azure region and VM outages', () => {
  it('source region down: no writes, no points, RPO grows; `no-recovery-point` after 60 min; recovery after', () => {
    // 1 MB/s, standard disk: a point T is available at T + 60 s. Source eastus down 1h2m → 3h2m.
    // Last point before: T = 1h (available 1h1m). No point is cut while the source is down
    // (the cache account is there). Back at 3h2m: next boundary 3h05, available 3h06.
    // RPO peaks just before 3h06: 3h06 − 1h = 2h06m. `no-recovery-point` fires once no point
    // is younger than 60 min: RPO > 60 min from 2h + 1 ms (reading: "for 60 min" = RPO over
    // 60 min, strictly), cleared when the 3h05 point arrives (3h06). `rpo-threshold` (15 min)
    // likewise from 1h15m + 1 ms to 3h06.
    // Writes stop with the region: W = 1 MB/s × (4h − 2h) = 7,200 MB.
    const { results, log } = run(
      scenario({ duration: '4h', vms: [vm('vm', [disk('d', '1MBps')])], events: [{ at: '1h2m', outage: 'eastus', lasting: '2h' }] }),
    );
    const v = results.vms.vm;
    expect(v.bytes.writtenBytes).toBe(7_200 * MB);
    const times = pointTimes(log, 'vm');
    expect(times.filter((t) => t > 1 * HOUR && t < 3 * HOUR + 5 * MIN)).toEqual([]);
    expect(times).toContain(3 * HOUR + 5 * MIN);
    expect(v.rpo!.maxMs).toBe(2 * HOUR + 6 * MIN);
    const noPoint = results.alerts.filter((a) => a.kind === 'no-recovery-point');
    expect(noPoint).toEqual([{ atMs: 2 * HOUR + 1, vm: 'vm', kind: 'no-recovery-point', clearedAtMs: 3 * HOUR + 6 * MIN }]);
    const threshold = results.alerts.filter((a) => a.kind === 'rpo-threshold');
    expect(threshold).toEqual([{ atMs: HOUR + 15 * MIN + 1, vm: 'vm', kind: 'rpo-threshold', clearedAtMs: 3 * HOUR + 6 * MIN }]);
    expect(v.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
    expect(v.health!.criticalMs).toBeGreaterThanOrEqual(2 * HOUR);
  });

  it('target region down: the source writes into the cache, nothing is processed, then the backlog drains at limit − churn', () => {
    // 1 MB/s on a 2 MB/s disk; westus down 1h2m → 2h2m. The cache backlog grows 1 MB/s × 3,600 s
    // = 3,600 MB (peak), then drains at 2 − 1 = 1 MB/s, empty at 3h2m.
    // Points keep being cut (the source is up). With P(t) = 3,720 + 2(t − 7,320) MB for t ≥ 7,320 s
    // and W(T) = T MB: the point T = 3,900 s is applied at 7,410 s, available 7,470 s; before it
    // the newest was T = 3,600 s, so RPO peaks at 7,470 − 3,600 = 3,870 s (later teeth are lower:
    // T = 4,200 s is available at 7,620 s, 3,720 s after 3,900 s).
    const { results, log } = run(
      scenario({ duration: '4h', vms: [vm('vm', [disk('d', '1MBps')])], events: [{ at: '1h2m', outage: 'westus', lasting: '1h' }] }),
    );
    const v = results.vms.vm;
    expect(v.bytes.writtenBytes).toBe(14_400 * MB);
    expect(v.peakCacheBacklogBytes).toBeCloseTo(3_600 * MB, -1);
    expect(v.rpo!.maxMs).toBe(3_870 * SEC);
    expect(lines(log, 'point').find((l) => l.includes('t=3900000'))).toBe('7470000 point vm crash t=3900000');
    // RPO > 60 min from 3,600 s + 60 min + 1 ms to 7,470 s; then the newest is 3,900 s and the
    // next (4,200 s) comes at 7,620 s > 3,900 + 3,600 = 7,500 s: raised again 7,500 s + 1 ms to
    // 7,620 s. The next, 4,500 s, is applied at 7,710 s, available 7,770 s < 4,200 + 3,600: no more.
    expect(results.alerts.filter((a) => a.kind === 'no-recovery-point')).toEqual([
      { atMs: 2 * HOUR + 1, vm: 'vm', kind: 'no-recovery-point', clearedAtMs: 7_470 * SEC },
      { atMs: 7_500 * SEC + 1, vm: 'vm', kind: 'no-recovery-point', clearedAtMs: 7_620 * SEC },
    ]);
    expect(v.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
  });

  it('VM outage: the VM stops writing; nothing is lost', () => {
    // 1 MB/s for 2 h except 30 min down: W = 5,400 MB, all replicated.
    const { results } = run(
      scenario({ duration: '2h', vms: [vm('vm', [disk('d', '1MBps')])], events: [{ at: '30m', outage: 'vm', lasting: '30m' }] }),
    );
    expect(results.vms.vm.bytes.writtenBytes).toBe(5_400 * MB);
    expect(results.vms.vm.bytes.replicatedBytes).toBeCloseTo(5_400 * MB, -1);
    expect(results.vms.vm.bytes.sentBytes).toBeCloseTo(5_400 * MB, -1);
  });
});

describe('Azure→Azure `throttle` and `churn` events', () => {
  it('throttle: the cache account takes 0.5 MB/s for 30 min, the VM backlog grows at churn − throughput', () => {
    // 1 MB/s. From 1h to 1h30 the upload is 0.5 MB/s: W − A at 1h30 = 0.5 × 1,800 = 900 MB,
    // and the lag (t − W⁻¹(A)) is 1,800 − 900 = 900 s.
    const yaml = scenario({
      duration: '3h',
      vms: [vm('vm', [disk('d', '1MBps')])],
      events: [{ at: '1h', throttle: 'a2a', cacheThroughput: '0.5MBps', lasting: '30m' }],
    });
    const mid = run(yaml, 90 * MIN).results.vms.vm;
    expect(mid.bytes.pendingAtEndBytes).toBeCloseTo(900 * MB, -1);
    expect(mid.lag!.maxMs).toBeCloseTo(900 * SEC, -1);
    // After: the upload is back to the per-VM limit (54 MB/s) and processing to 2 MB/s: the
    // 900 MB drain at 2 − 1 = 1 MB/s (the upload's share takes ~17 s) ⇒ nothing left at 3 h.
    const end = run(yaml).results.vms.vm;
    expect(end.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
  });

  it('churn ×4 for 30 min: W gains 3 × 1,800 MB and the backlog grows at 4 − 2 MB/s', () => {
    const yaml = scenario({
      duration: '3h',
      vms: [vm('vm', [disk('d', '1MBps')])],
      events: [{ at: '1h', churn: 'vm/d', multiply: 4, lasting: '30m' }],
    });
    const mid = run(yaml, 90 * MIN).results.vms.vm;
    // W(1h30) = 5,400 + 3 × 1,800 = 10,800 MB; A = 3,600 + 2 × 1,800 = 7,200 MB.
    expect(mid.bytes.writtenBytes).toBe(10_800 * MB);
    expect(mid.bytes.pendingAtEndBytes).toBeCloseTo(3_600 * MB, -1);
    const end = run(yaml).results.vms.vm;
    // W(3h) = 10,800 + 5,400 = 16,200 MB; the 3,600 MB drain at 1 MB/s by 2h30: nothing pending.
    expect(end.bytes.writtenBytes).toBe(16_200 * MB);
    expect(end.bytes.pendingAtEndBytes).toBeLessThanOrEqual(2);
  });
});

describe('Azure→Azure "beyond supported limits" events (15-minute windows)', () => {
  it('constant churn above the limit: one event per 15-min window', () => {
    // 3 MB/s on a 2 MB/s disk; windows end at 15, 30, …, 120 min within 2h5m: 8 events.
    const { results, log } = run(scenario({ duration: '2h5m', vms: [vm('vm', [disk('d', '3MBps')])] }));
    expect(results.vms.vm.limitExceededEvents).toBe(8);
    expect(lines(log, 'limit-exceeded').map((l) => Number(l.split(' ')[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => k * 15 * MIN));
  });

  it('a burst is judged by its 15-min average: 6 min at 4 MB/s inside a window counts, 6 min across two does not', () => {
    // Base 1 MB/s. Burst ×4 from 20 min for 6 min: window 15–30 averages (9·1 + 6·4)/15 = 2.2 > 2 ⇒ 1 event.
    const inside = run(
      scenario({ duration: '1h', vms: [vm('vm', [disk('d', '1MBps')])], events: [{ at: '20m', churn: 'vm/d', multiply: 4, lasting: '6m' }] }),
    );
    expect(inside.results.vms.vm.limitExceededEvents).toBe(1);
    expect(lines(inside.log, 'limit-exceeded').map((l) => l.split(' ')[0])).toEqual([String(30 * MIN)]);
    // Burst from 27 min for 6 min: windows 15–30 and 30–45 each average (12·1 + 3·4)/15 = 1.6 ⇒ none.
    const across = run(
      scenario({ duration: '1h', vms: [vm('vm', [disk('d', '1MBps')])], events: [{ at: '27m', churn: 'vm/d', multiply: 4, lasting: '6m' }] }),
    );
    expect(across.results.vms.vm.limitExceededEvents).toBe(0);
  });

  it('windows count from startAt', () => {
    // startAt 10 min, 3 MB/s: windows end at 25, 40, 55 min within 1 h.
    const { log } = run(scenario({ duration: '1h', vms: [vm('vm', [disk('d', '3MBps')])], repl: { startAt: '10m' } }));
    expect(lines(log, 'limit-exceeded').map((l) => Number(l.split(' ')[0]))).toEqual([25, 40, 55].map((m) => m * MIN));
  });
});

describe('Azure→Azure RPO-threshold alert', () => {
  it('raised when RPO exceeds the threshold, cleared when a point brings it back under', () => {
    // rpoThreshold 10 min; 1 MB/s on a 2 MB/s disk; churn ×4 from 1h2m (3,720 s) for 10 min.
    // W(t) = t (MB, t in s) up to 3,720; 3,720 + 4(t − 3,720) up to 4,320 (W = 6,120); then t + 1,800.
    // P(t) = 2t − 3,720 from 3,720 s until the backlog empties (2t − 3,720 = t + 1,800 ⇒ 5,520 s).
    // Point T available at t(T) + 60 s with P(t(T)) = W(T):
    //   T = 3,900: W = 4,440 ⇒ t = 4,080, avail 4,140.     T = 4,200: W = 5,640 ⇒ t = 4,680, avail 4,740.
    //   T = 4,500: W = 6,300 ⇒ t = 5,010, avail 5,070.     T = 4,800: W = 6,600 ⇒ t = 5,160, avail 5,220.
    //   T = 5,100: W = 6,900 ⇒ t = 5,310, avail 5,370.     T = 5,400: t = 5,460, avail 5,520.
    // RPO exceeds 10 min (strictly: 1 ms after) at T_newest + 600 s unless the next point came first:
    //   newest 3,900 → 4,500 s + 1 ms < 4,740 (raised; cleared 4,740);
    //   newest 4,200 → 4,800 s + 1 ms < 5,070 (raised; cleared 5,070);
    //   newest 4,500 → 5,100 s + 1 ms < 5,220 (raised; cleared 5,220);
    //   newest 4,800 → 5,400 s > 5,370: not raised; newest 5,100 → 5,700 > 5,520: not raised.
    // RPO max = max(4,740 − 3,900, 5,070 − 4,200, 5,220 − 4,500, …) = 870 s.
    const { results } = run(
      scenario({
        duration: '3h',
        vms: [vm('vm', [disk('d', '1MBps')])],
        repl: { rpoThreshold: '10m' },
        events: [{ at: '1h2m', churn: 'vm/d', multiply: 4, lasting: '10m' }],
      }),
    );
    expect(results.alerts).toEqual([
      { atMs: 4_500 * SEC + 1, vm: 'vm', kind: 'rpo-threshold', clearedAtMs: 4_740 * SEC },
      { atMs: 4_800 * SEC + 1, vm: 'vm', kind: 'rpo-threshold', clearedAtMs: 5_070 * SEC },
      { atMs: 5_100 * SEC + 1, vm: 'vm', kind: 'rpo-threshold', clearedAtMs: 5_220 * SEC },
    ]);
    expect(results.vms.vm.rpo!.maxMs).toBe(870 * SEC);
  });
});

describe('Azure→Azure point counts', () => {
  it('an app-consistent point due with a crash point is one point, counted once', () => {
    // 1-h app points, 5-min crash points, 3 h 2 min: 36 points cut (5 min … 3 h), 3 of them app.
    const { results, log } = run(scenario({ duration: '3h2m', vms: [vm('vm', [disk('d', '1MBps')])], policy: { appConsistentEvery: '1h' } }));
    expect(results.vms.vm.recoveryPoints!.created).toBe(36);
    expect(results.vms.vm.recoveryPoints!.appConsistentCreated).toBe(3);
    expect(lines(log, 'point').length).toBe(36);
  });
});
