// Hyper-V Replica semantics against hand computations from spec/model.md (§1, §3): initial
// replication methods, startAt, compression, missed cycles, health over the monitoring
// interval, additional (hourly) and app-consistent points, the replica hosts' apply rate,
// host crash → resync, VMM / vault outages, WAN outage and catch-up.
//
// Conventions (unless said otherwise): madrid → sevilla over link `wan` without latency, one
// VM `vm` with one 100 GiB disk (the 50% resync trigger, 53.7 GB, is never near), `used: 0B`
// (the network initial replication sends nothing: protected at startAt), churn 1 MB/s.
// A cycle's point: log L bytes closed at T, sent as compression × L at the link's rate, then
// merged on the replica host at 200 MB/s: available at T + 0.5·L/bw + L/200 MB/s.
import { describe, expect, it } from 'vitest';
import { loadScenarioObject } from '../../src/scenario';
import { LiveRun } from '../../src/session/live-run';
import { runScenario } from '../../src/session/run-scenario';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
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

function vm(id: string, churn = '1MBps', extra: Obj = {}, used = '0B'): Obj {
  return { id, site: 'madrid', disks: [{ id: 'd', size: '100GiB', used, churn: { profile: 'constant', rate: churn } }], ...extra };
}

function scenario(o: { duration: string; vms?: Obj[]; policy?: Obj; events?: Obj[]; bandwidth?: string; hosts?: number; repl?: Obj }): Obj {
  const vms = o.vms ?? [vm('vm')];
  return {
    drsim: 1,
    name: 'hyper-v semantics',
    duration: o.duration,
    sites: [
      { id: 'madrid', kind: 'vmm-site', hosts: o.hosts ?? 1 },
      { id: 'sevilla', kind: 'vmm-site', hosts: o.hosts ?? 1 },
    ],
    links: [{ id: 'wan', between: ['madrid', 'sevilla'], bandwidth: o.bandwidth ?? '100MBps', latency: '0s' }],
    vms,
    replication: [
      { id: 'hvr', type: 'hyperv-to-vmm', from: 'madrid', to: 'sevilla', vms: vms.map((v) => v.id as string), policy: o.policy ?? {}, ...(o.repl ?? {}) },
    ],
    events: o.events ?? [],
  };
}

/** Log lines of one kind (`<ms> <kind> <subject> <detail>`). */
function lines(log: string[], kind: string, subject?: string): string[] {
  return log.filter((l) => {
    const parts = l.split(' ');
    return parts[1] === kind && (subject === undefined || parts[2] === subject);
  });
}

const atOf = (line: string) => Number(line.split(' ')[0]);
const tOf = (line: string) => Number(/t=(\d+)/.exec(line)![1]);

describe('Hyper-V initial replication methods and startAt', () => {
  it('existing: delta replication starts at once, the first log holds only writes since startAt', () => {
    // startAt 10 min. IR complete at 600,000 ms. Cycles at 15, 20, … min.
    // First log: W(15 min) − W(10 min) = 300 MB, sent 150 MB at 100 MB/s = 1.5 s, merged at
    // 200 MB/s = 1.5 s ⇒ point T = 900,000 available at 903,000.
    // Run 1h1m: cycles 15 … 60 min = 10 logs of 150 MB sent (the 60-min one lands at 60m1.5s).
    const { results, log } = run(scenario({ duration: '1h1m', policy: { initialReplication: 'existing' }, repl: { startAt: '10m' } }));
    const v = results.vms.vm;
    expect(v.initialReplication).toEqual({ startedAtMs: 10 * MIN, completedAtMs: 10 * MIN });
    expect(lines(log, 'vhd-send')).toEqual([]);
    expect(lines(log, 'log-send')[0]).toBe('900000 log-send vm log=300000000 sent=150000000 crash');
    const points = lines(log, 'point', 'vm');
    expect(points[0]).toBe('903000 point vm crash t=900000');
    expect(points.map(tOf)).toEqual(Array.from({ length: 10 }, (_, k) => 15 * MIN + k * 5 * MIN));
    expect(v.bytes.sentBytes).toBe(10 * 150 * MB);
    expect(v.bytes.writtenBytes).toBe(3_660 * MB);
    // The replica holds W(60 min): 60 MB written after the last point are pending.
    expect(v.bytes.pendingAtEndBytes).toBe(60 * MB);
  });

  it('offline: the VHDs travel for offlineTransfer while the log grows; the first point is the next boundary', () => {
    // offlineTransfer 6h1m: IR completes at 21,660,000 ms; nothing goes over the link for it.
    // First boundary after: 6h05 (21,900 s). The log holds everything since startAt:
    // 21,900 MB, sent 10,950 MB at 50 MB/s = 219 s (lands 22,119 s), merged 21,900/200 = 109.5 s
    // ⇒ point T = 21,900,000 available at 22,228,500. Later logs: 300 MB → 150 MB in 3 s.
    // Run 6h20m: sent = 10,950 + 150 (6h10) + 150 (6h15) MB; the 6h20 log has only just started.
    const { results, log } = run(
      scenario({ duration: '6h20m', bandwidth: '50MBps', policy: { initialReplication: 'offline', offlineTransfer: '6h1m' } }),
    );
    const v = results.vms.vm;
    expect(v.initialReplication).toEqual({ startedAtMs: 0, completedAtMs: 6 * HOUR + MIN });
    expect(lines(log, 'vhd-send')).toEqual([]);
    expect(lines(log, 'log-send')[0]).toBe('21900000 log-send vm log=21900000000 sent=10950000000 crash');
    expect(lines(log, 'point', 'vm')[0]).toBe('22228500 point vm crash t=21900000');
    expect(v.peakLogBytes).toBe(21_900 * MB);
    expect(v.bytes.sentBytes).toBe(11_250 * MB);
    expect(v.missedCycles).toBe(0);
  });

  it('network with startAt: VHDs sent compressed from startAt, cycles at startAt + k·frequency, earlier writes never sent', () => {
    // startAt 7 min, used 1 GiB, link 10 MB/s: 536,870,912 B at 10 MB/s = 53,687.09 ms ⇒ IR
    // completes at 420,000 + 53,688 = 473,688 ms. First boundary after: 720 s; log =
    // W(720 s) − W(420 s) = 300 MB (what was written during IR included).
    // Run 1h: logs at 720, 1,020, … 3,420 s = 10 logs × 150 MB (15 s each).
    const { results, log } = run(scenario({ duration: '1h', bandwidth: '10MBps', vms: [vm('vm', '1MBps', {}, '1GiB')], repl: { startAt: '7m' } }));
    const v = results.vms.vm;
    expect(v.initialReplication).toEqual({ startedAtMs: 7 * MIN, completedAtMs: 473_688 });
    expect(lines(log, 'log-send')[0]).toBe('720000 log-send vm log=300000000 sent=150000000 crash');
    for (const l of lines(log, 'log-send')) expect((atOf(l) - 7 * MIN) % (5 * MIN)).toBe(0);
    expect(v.bytes.sentBytes).toBe(GiB / 2 + 10 * 150 * MB);
    expect(v.bytes.writtenBytes).toBe(3_600 * MB);
  });
});

describe('Hyper-V compression', () => {
  // used 1 GiB, link 10 MB/s, run 1h2m: 12 logs of 300 MB (5 … 60 min), all landed.
  const make = (compression?: number) =>
    run(scenario({ duration: '1h2m', bandwidth: '10MBps', vms: [vm('vm', '1MBps', {}, '1GiB')], policy: compression === undefined ? {} : { compression } }));

  it('default 0.5: the VHD and every log go at half their size', () => {
    // IR: 536,870,912 B / 10 MB/s ⇒ 53,688 ms. Logs: 150 MB in 15 s, merged 300 MB in 1.5 s:
    // the 5-min point is available at 316.5 s.
    const { results, log } = make();
    expect(results.vms.vm.initialReplication!.completedAtMs).toBe(53_688);
    expect(results.vms.vm.bytes.sentBytes).toBe(GiB / 2 + 12 * 150 * MB);
    expect(lines(log, 'point', 'vm')[0]).toBe('316500 point vm crash t=300000');
  });

  it('compression 1 (off): sent bytes = changed bytes', () => {
    // IR: 1 GiB / 10 MB/s = 107,374.18 ms ⇒ 107,375. Logs: 300 MB in 30 s, merge 1.5 s ⇒ 331.5 s.
    const { results, log } = make(1);
    expect(results.vms.vm.initialReplication!.completedAtMs).toBe(107_375);
    expect(results.vms.vm.bytes.sentBytes).toBe(GiB + 12 * 300 * MB);
    expect(lines(log, 'point', 'vm')[0]).toBe('331500 point vm crash t=300000');
    expect(lines(log, 'log-send')[0]).toBe('300000 log-send vm log=300000000 sent=300000000 crash');
  });
});

describe('Hyper-V missed cycles and health', () => {
  it('a transfer that overruns the interval misses cycles; the next log goes as soon as it lands', () => {
    // compression 1, link 0.4 MB/s, 1 MB/s of churn, run 59 min (3,540 s).
    // 300 s: log 300 MB → 750 s ⇒ lands 1,050 s (cycles 600, 900 missed); at once the next log,
    // W(1,050) − W(300) = 750 MB → 1,875 s ⇒ lands 2,925 s (1,200 … 2,700 missed: 6); at once
    // 1,875 MB → lands 7,612.5 s (3,000 and 3,300 missed). Missed: 2 + 6 + 2 = 10.
    // Points: T = 300 s at 1,050 + 1.5 s; T = 1,050 s at 2,925 + 3.75 s.
    // Health: Warning from the 600-s cycle (1 missed of 2 = 50% > 20%) to the end.
    const { results, log } = run(scenario({ duration: '59m', bandwidth: '400KBps', policy: { compression: 1 } }));
    const v = results.vms.vm;
    expect(v.missedCycles).toBe(10);
    expect(lines(log, 'cycle-missed').map(atOf)).toEqual([600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000, 3300].map((s) => s * SEC));
    expect(lines(log, 'log-send')).toEqual([
      '300000 log-send vm log=300000000 sent=300000000 crash',
      '1050000 log-send vm log=750000000 sent=750000000 crash',
      '2925000 log-send vm log=1875000000 sent=1875000000 crash',
    ]);
    expect(lines(log, 'point', 'vm')).toEqual(['1051500 point vm crash t=300000', '2928750 point vm crash t=1050000']);
    expect(v.health).toEqual({ normalMs: 600 * SEC, warningMs: 2_940 * SEC, criticalMs: 0 });
  });

  it('WAN outage: Critical while it cannot send, Warning while > 20% of the interval’s cycles were missed, then Normal; catch-up at the next boundary', () => {
    // Link down 1h2m → 1h32m. Cycles 1h05 … 1h30 cannot send: 6 missed. Critical for 30 min.
    // Reading: a cycle missed because nothing could be sent is followed by a send at the next
    // boundary (model.md: "at each frequency boundary, if no transfer … is in flight, the logs
    // are closed and sent"; the catch-up "as soon as the one in flight completes" is for a
    // transfer in flight). From 1h32: 6 missed of 18 cycles in the 12-h interval ⇒ Warning until
    // missed / cycles ≤ 20%: 6/30 at the 30th cycle, 2h30 ⇒ Warning 1h32 → 2h30 (58 min).
    // Normal: 3 h − 30 min − 58 min = 92 min.
    // Catch-up log at 1h35: W(1h35) − W(1h) = 2,100 MB, sent 1,050 MB in 10.5 s, merged in
    // 10.5 s ⇒ the point T = 1h35 is available at 1h35m21s; RPO peaks then at 35m21s.
    const { results, log } = run(scenario({ duration: '3h', events: [{ at: '1h2m', outage: 'wan', lasting: '30m' }] }));
    const v = results.vms.vm;
    expect(v.missedCycles).toBe(6);
    expect(v.health).toEqual({ normalMs: 92 * MIN, warningMs: 58 * MIN, criticalMs: 30 * MIN });
    expect(lines(log, 'log-send').find((l) => atOf(l) > HOUR && atOf(l) < 2 * HOUR)).toBe(
      `${95 * MIN} log-send vm log=2100000000 sent=1050000000 crash`,
    );
    expect(v.rpo!.maxMs).toBe(35 * MIN + 21 * SEC);
    expect(v.resyncs).toBe(0);
    // Caught up: at 3 h the replica holds W(2h55) (the 3-h log has just been closed): 300 MB pending.
    expect(v.bytes.pendingAtEndBytes).toBe(300 * MB);
  });

  it('Warning when more than 1 h has passed since the last successful send (missed cycles under 20%)', () => {
    // 15-min cycles, compression 1, link 1 MB/s, 0.1 MB/s of churn (90 MB logs, 90 s each).
    // Churn ×100 (10 MB/s) from 3d1m for 10 min. The 3d log (90 MB) lands at 3d1m30s.
    // The 3d15m log: 0.1·60 + 10·600 + 0.1·240 = 6,030 MB ⇒ 6,030 s ⇒ lands 3d1h55m30s.
    // Missed: 3d30m … 3d1h45m = 6 of the 48 cycles in the 12-h interval (12.5% ≤ 20%).
    // So Warning only from 1 h after the last send (3d1h1m30s, + 1 ms for "more than") until
    // the 6,030-MB log lands (3d1h55m30s): 54 min (−1 ms).
    const { results } = run(
      scenario({
        duration: '3d3h',
        bandwidth: '1MBps',
        vms: [vm('vm', '100KBps')],
        policy: { frequency: '15m', compression: 1 },
        events: [{ at: '3d1m', churn: 'vm/d', multiply: 100, lasting: '10m' }],
      }),
    );
    const v = results.vms.vm;
    expect(v.health!.criticalMs).toBe(0);
    expect(v.health!.warningMs).toBeGreaterThanOrEqual(54 * MIN - 1);
    expect(v.health!.warningMs).toBeLessThanOrEqual(54 * MIN);
    // 6 missed during the long send, then the 3d2h cycle while the 603-MB catch-up is in flight.
    expect(v.missedCycles).toBe(7);
    expect(v.health!.normalMs + v.health!.warningMs).toBe(3 * DAY + 3 * HOUR);
  });
});

describe('Hyper-V recovery points: additional (hourly) and app-consistent', () => {
  // Reading chosen (model.md: "additional recovery points: up to 24, one per hour"): the replica
  // keeps its latest point plus, for each of the last N clock hours, the first point of that
  // hour (hh:00) while it is at most N hours old. The ends below are chosen so that this and
  // "the latest + N additional hourly points" agree.
  it('additionalRecoveryPoints 0: only the latest point is kept', () => {
    const { results } = run(scenario({ duration: '2h30m' }));
    // Points 5 min … 2h25: 29 closed and available, plus the 2h30 log closed at the end.
    expect(results.vms.vm.recoveryPoints!.created).toBe(30);
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(1);
  });

  it('additionalRecoveryPoints 0: the replica holds one point at every moment of the run, not only at the end', () => {
    const loaded = loadScenarioObject(scenario({ duration: '2h30m' }));
    if (!loaded.ok) throw new Error('invalid');
    const live = new LiveRun(loaded.scenario);
    const held: number[] = [];
    for (let t = 10 * MIN; t <= 2 * HOUR; t += 7 * MIN) {
      live.advance(t);
      held.push(live.model.hyperv[0].vm('vm')!.scope.available.length);
    }
    expect(new Set(held)).toEqual(new Set([1]));
  });

  it('additionalRecoveryPoints 3: the latest + the hourly points of the last 3 hours', () => {
    // E = 10h30: latest 10h25 (10h30's log has just been closed); hourly 10h00, 9h00, 8h00
    // (7h00 is 3h30 old). 4 points.
    const { results } = run(scenario({ duration: '10h30m', policy: { additionalRecoveryPoints: 3 } }));
    expect(results.vms.vm.recoveryPoints!.retainedAtEnd).toBe(1 + 3);
  });

  it('app-consistent (VSS) points every 2 h, counted from startAt, among the cycles’ points', () => {
    // appConsistentEvery 2h, additional points 4, E = 10h30. App-consistent: the logs closed at
    // 2h, 4h, 6h, 8h, 10h ⇒ 5. Retained: latest 10h25 + 10h00, 9h00, 8h00, 7h00 = 5.
    const { results, log } = run(scenario({ duration: '10h30m', policy: { additionalRecoveryPoints: 4, appConsistentEvery: '2h' } }));
    const v = results.vms.vm;
    expect(v.recoveryPoints!.appConsistentCreated).toBe(5);
    expect(v.recoveryPoints!.created).toBe(126);
    expect(lines(log, 'point', 'vm').filter((l) => l.includes(' app ')).map(tOf)).toEqual([2, 4, 6, 8, 10].map((h) => h * HOUR));
    expect(v.recoveryPoints!.retainedAtEnd).toBe(5);
  });

  it('app-consistent points count from startAt', () => {
    // startAt 20 min, every 1 h: the logs closed at 1h20, 2h20 are app-consistent (run 2h30).
    const { log } = run(scenario({ duration: '2h30m', policy: { appConsistentEvery: '1h', initialReplication: 'existing' }, repl: { startAt: '20m' } }));
    expect(lines(log, 'point', 'vm').filter((l) => l.includes(' app ')).map(tOf)).toEqual([80 * MIN, 140 * MIN]);
  });
});

describe('Hyper-V replica hosts’ apply rate', () => {
  // Two VMs, 1 MB/s each, applyRate 10 MB/s, link 1,000 MB/s. At 5 min each closes a 300-MB log,
  // sent as 150 MB: both at once share the link, 500 MB/s each ⇒ both land at 300.3 s.
  // Reading (model.md says "per host" but not which replica host takes a VM): a VM on primary
  // host i is replicated to replica host i.
  const make = (hosts: number) =>
    run(
      scenario({
        duration: '6m1s',
        bandwidth: '1000MBps',
        hosts,
        vms: [vm('a', '1MBps', { host: 1 }), vm('b', '1MBps', { host: hosts })],
        policy: { applyRate: '10MBps' },
      }),
    );

  it('one replica host: the two merges share its 10 MB/s (5 MB/s each: 60 s)', () => {
    const { log } = make(1);
    expect(lines(log, 'point')).toEqual(['360300 point a crash t=300000', '360300 point b crash t=300000']);
  });

  it('two replica hosts: each merge gets a host’s full 10 MB/s (30 s)', () => {
    const { log } = make(2);
    expect(lines(log, 'point')).toEqual(['330300 point a crash t=300000', '330300 point b crash t=300000']);
  });
});

describe('Hyper-V host crash → resync', () => {
  it('a primary site outage crashes the host: resync after it returns (compare, then the differences), points deleted', () => {
    // madrid down 1h2m → 1h32m: the VM stops (W frozen at 3,720 MB), the link is cut, the host
    // crashes. The last point: T = 1h (available 1h + 3 s). Back at 1h32 (5,520 s): resync
    // required; compare = 100 GiB / 100 MB/s = 1,073,741.824 ms ⇒ 1,073,742 ms; differences =
    // W(5,520 s) − W(1h) = 120 MB, sent as 60 MB in 0.6 s ⇒ resync done at 6,594,342 ms, and the
    // old points are deleted. The VM writes again from 1h32; its log counts from the compare.
    // Next boundary 1h50 (6,600 s): log 1,080 MB, sent 540 MB in 5.4 s, merged in 5.4 s ⇒
    // available 6,610.8 s. Then 1h55 (available 6,903 s). E = 2 h.
    // RPO: defined while protected; it peaks at the resync (5,520 − 3,600 s = 32 min), is
    // undefined during the resync, then saw-tooths (300 s at the end).
    // Health: Critical from the crash to the end of the resync: 6,594,342 − 3,720,000 ms.
    // Retained (2 additional points): 1h50 and 1h55 only (without deletion, 0h05 and 1h00 too).
    const { results, log } = run(
      scenario({ duration: '2h', policy: { additionalRecoveryPoints: 2 }, events: [{ at: '1h2m', outage: 'madrid', lasting: '30m' }] }),
    );
    const v = results.vms.vm;
    expect(v.resyncs).toBe(1);
    expect(lines(log, 'resync-required').map(atOf)).toEqual([5_520 * SEC]);
    const compare = lines(log, 'resync-compare')[0];
    expect(atOf(compare)).toBe(5_520 * SEC);
    expect(compare).toMatch(/duration=1073742 differences=120000000$/);
    expect(lines(log, 'resync-done').map(atOf)).toEqual([6_594_342]);
    const after = lines(log, 'point', 'vm').filter((l) => atOf(l) > 5_520 * SEC);
    expect(after).toEqual(['6610800 point vm crash t=6600000', '6903000 point vm crash t=6900000']);
    expect(v.bytes.writtenBytes).toBe((7_200 - 1_800) * MB); // 2 h less the 30 min down
    expect(v.rpo!.maxMs).toBe(32 * MIN);
    expect(v.rpo!.atEndMs).toBe(300 * SEC);
    expect(v.health!.criticalMs).toBe(6_594_342 - 3_720_000);
    expect(v.recoveryPoints!.retainedAtEnd).toBe(2);
    expect(v.state).toBe('protected');
  });
});

describe('Hyper-V outages during initial replication and at the replica', () => {
  it('a host crash during initial replication: the resync sends the VHD data the replica never got', () => {
    // 10 GiB used, 1 MB/s, 10 MB/s link, compression 0.5. At 100 s the VHD has sent 1,000 MB
    // compressed = 2,000 MB of VHD; the site is down 100 s … 700 s (no writes meanwhile).
    // Resync at 700 s: differences = 10 GiB − 2,000 MB of VHD + 100 MB written = 8,837,418,240 B;
    // compare 100 GiB at 100 MB/s = 1,073,742 ms; then 4,418,709,120 B at 10 MB/s = 441,871 ms.
    const { results, log } = run(
      scenario({
        duration: '2h',
        vms: [vm('vm', '1MBps', {}, '10GiB')],
        bandwidth: '10MBps',
        events: [{ at: '100s', outage: 'madrid', lasting: '10m' }],
      }),
    );
    expect(lines(log, 'resync-compare', 'vm')).toEqual(['700000 resync-compare vm duration=1073742 differences=8837418240']);
    const done = atOf(lines(log, 'resync-done', 'vm')[0]);
    expect(done).toBe(700_000 + 1_073_742 + 441_871);
    // The resync completes what the initial replication could not.
    expect(results.vms.vm.initialReplication!.completedAtMs).toBe(done);
    expect(results.vms.vm.state).toBe('protected');
  });

  it('the replica site down: its hosts merge nothing, no point becomes available until it returns', () => {
    // applyRate 1 MB/s, churn 1 MB/s: the 1 h log (300 MB, sent as 150 MB in 1.5 s) merges
    // from 1 h 1.5 s at 1 MB/s, but sevilla is down from 1 h 10 s to 1 h 30 min 10 s: the merge
    // pauses after 8.5 MB and resumes; the point T = 1 h is available 291.5 s after it returns.
    const { log } = run(
      scenario({ duration: '2h', policy: { applyRate: '1MBps' }, events: [{ at: '1h10s', outage: 'sevilla', lasting: '30m' }] }),
    );
    const during = lines(log, 'point', 'vm').filter((l) => atOf(l) > HOUR + 10 * SEC && atOf(l) < HOUR + 30 * MIN + 10 * SEC);
    expect(during).toEqual([]);
    expect(lines(log, 'point', 'vm').find((l) => tOf(l) === HOUR)).toBe(`${HOUR + 30 * MIN + 10 * SEC + 291.5 * SEC} point vm crash t=${HOUR}`);
  });
});

describe('Hyper-V VMM and vault outages', () => {
  it('have no effect on replication: the same RPO, points, bytes and health as without them; the log differs', () => {
    const base = scenario({ duration: '6h', policy: { additionalRecoveryPoints: 2 } });
    const withOutages = {
      ...base,
      events: [
        { at: '1h2m', outage: 'madrid/vmm', lasting: '2h' },
        { at: '1h30m', outage: 'sevilla/vmm', lasting: '1h' },
        { at: '2h', outage: 'vault', lasting: '3h' },
      ],
    };
    const a = run(base).results.vms.vm;
    const b = run(withOutages);
    const v = b.results.vms.vm;
    expect(v.rpo).toEqual(a.rpo);
    expect(v.recoveryPoints).toEqual(a.recoveryPoints);
    expect(v.bytes).toEqual(a.bytes);
    expect(v.health).toEqual(a.health);
    expect(v.missedCycles).toBe(0);
    expect(v.resyncs).toBe(0);
    expect(b.results.digest).not.toBe(run(base).results.digest);
    expect(lines(b.log, 'outage').map((l) => l.split(' ')[2])).toEqual(['madrid/vmm', 'sevilla/vmm', 'vault']);
    // And the steady state itself: RPO between 3 s and 5 min + 3 s.
    expect(v.rpo!.maxMs).toBe(5 * MIN + 3 * SEC);
  });
});

describe('Hyper-V policy and link variations', () => {
  it('the monitoring interval bounds the cycles health looks at', () => {
    // monitoringInterval 1h; WAN down 1h2m → 1h32m (cycles 1h05 … 1h30 missed: 6). Critical 30 min.
    // From 1h32 the last hour's 12 cycles hold 6 missed ⇒ Warning, until at most 2 of the 12
    // (≤ 20%) remain: the cycle at 2h15 still sees 1h20, 1h25, 1h30 (25%); at 2h20 only 1h25, 1h30
    // (16.7%) ⇒ Normal from 2h20. Warning 48 min; Normal 3 h − 78 min = 102 min.
    const { results } = run(scenario({ duration: '3h', policy: { monitoringInterval: '1h' }, events: [{ at: '1h2m', outage: 'wan', lasting: '30m' }] }));
    expect(results.vms.vm.health).toEqual({ normalMs: 102 * MIN, warningMs: 48 * MIN, criticalMs: 30 * MIN });
  });

  it('30-second frequency: a point every 30 s, RPO between a and 30 s + a', () => {
    // Log 30 MB → 15 MB at 100 MB/s = 0.15 s, merged at 200 MB/s = 0.15 s: a = 0.3 s.
    // Run 1h0m0.3s: the point cut at 1 h is available exactly at the end; 120 cut.
    const { results } = run(scenario({ duration: '1h300ms', policy: { frequency: '30s' } }));
    const v = results.vms.vm;
    expect(v.recoveryPoints!.created).toBe(120);
    expect(v.rpo!.maxMs).toBe(30_300);
    expect(v.rpo!.atEndMs).toBe(300);
    expect(v.rpo!.meanMs).toBe(15_300);
    expect(v.missedCycles).toBe(0);
  });

  it('a degraded link slows each send: RPO’s top grows by the longer transfer', () => {
    // Link 10 MB/s: 150 MB in 15 s (+1.5 s merge) ⇒ RPO top 316.5 s. Degraded to 50% from 1h2m
    // for 1 h: 30 s ⇒ top 331.5 s; no cycle is missed (30 s ≪ 5 min).
    const { results } = run(
      scenario({ duration: '3h', bandwidth: '10MBps', events: [{ at: '1h2m', degrade: 'wan', bandwidth: '50%', lasting: '1h' }] }),
    );
    expect(results.vms.vm.rpo!.maxMs).toBe(331_500);
    expect(results.vms.vm.missedCycles).toBe(0);
  });

  it('a VM outage stops its writes: the logs are empty meanwhile, nothing is lost', () => {
    // 1 MB/s for 2 h except 30 min down: W = 5,400 MB; the replica holds W(2h) once the 1h55 and
    // 2h logs are in (run 2h1m), and 0.5 × 5,400 MB went over the link.
    const { results } = run(scenario({ duration: '2h1m', events: [{ at: '30m', outage: 'vm', lasting: '30m' }] }));
    const v = results.vms.vm;
    expect(v.bytes.writtenBytes).toBe(5_460 * MB);
    expect(v.bytes.replicatedBytes).toBe(5_400 * MB);
    expect(v.bytes.sentBytes).toBe(2_700 * MB);
  });
});
