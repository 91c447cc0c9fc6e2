// Failover orchestration against hand-computed expectations (model.md § 2–5): a region
// outage then failover to latest-processed, `latest` draining the cache, a two-group plan
// with a script, Hyper-V planned and unplanned failovers, the full round trip, and illegal
// actions failing cleanly while the run goes on.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';

const S = 1000;
const MIN = 60 * S;
const MB = 1_000_000;

function run(yaml: string) {
  const loaded = loadScenario(yaml);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const lines: string[] = [];
  const { results } = runScenario(loaded.scenario, { logSink: (e) => lines.push(`${e.timeMs} ${e.kind} ${e.subject} ${e.detail}`) });
  return { results, lines };
}

/**
 * Azure→Azure: standard-SSD disks (2 MB/s limit) writing 1 MB/s, 40 ms latency, processing
 * delay 60 s. The initial copy of 1 GiB (537 s) and its backlog (drained at 1 MB/s) are over
 * well before 2 h; from then the point cut at T is applied at T + 40 ms and available at
 * T + 60.04 s.
 */
function a2a(opts: { vms?: string; events: string; plans?: string; duration?: string; groups?: string }) {
  return `
drsim: 1
name: a2a failover
duration: ${opts.duration ?? '6h'}
sites: [{ id: eastus, kind: azure-region }, { id: westus, kind: azure-region }]
links: [{ id: backbone, between: [eastus, westus], bandwidth: 10Gbps, latency: 40ms }]
vms:
${opts.vms ?? `  - { id: app, site: eastus, disks: [{ id: d, size: 64GiB, used: 1GiB, type: standard-ssd, churn: { profile: constant, rate: 1MBps } }] }`}
replication:
  - { id: a2a, type: azure-to-azure, from: eastus, to: westus, vms: [${opts.groups ?? 'app'}] }
${opts.plans ?? ''}
events:
${opts.events}
`;
}

describe('Azure→Azure failover', () => {
  it('region outage then failover to latest-processed: loss = outage start − newest point, RTO = creation + boot', () => {
    const { results, lines } = run(
      a2a({
        events: `  - { at: 2h2m30s, outage: eastus }
  - { at: 2h10m, failover: app, recoveryPoint: latest-processed }`,
      }),
    );
    const job = results.failovers[0];
    expect(job.ok).toBe(true);
    // Newest available point: T = 2 h (available at 2 h 1 min 0.04 s, before the outage).
    expect(job.recoveryPoint).toEqual({ timeMs: 2 * 60 * MIN, consistency: 'crash' });
    // The VM stopped writing at the outage: 2 h 2 min 30 s − 2 h = 150 s, 150 s × 1 MB/s.
    expect(job.dataLossMs).toBe(150 * S);
    expect(job.dataLossBytes).toBeCloseTo(150 * MB, -1);
    // 3 min creation + 2 min default boot.
    expect(job.rtoMs).toBe(5 * MIN);
    expect(job.vms!.app).toEqual({ upAtMs: 130 * MIN + 5 * MIN, dataLossMs: 150 * S });
    expect(results.vms.app.state).toBe('failed-over');
    expect(results.vms.app.site).toBe('westus');
    // Churn continues in the target once the VM is up (the source region is still down).
    const at = (t: number) => lines.some((l) => l.startsWith(`${t} churn app/d rate=1000000`));
    expect(at(135 * MIN)).toBe(true);
  });

  it('`latest` with the source up drains the cache: no loss, RTO longer than latest-processed by the drain', () => {
    const events = (choice: string) => `  - { at: 2h2m30s, failover: app, recoveryPoint: ${choice} }`;
    const latest = run(a2a({ events: events('latest') })).results.failovers[0];
    const processed = run(a2a({ events: events('latest-processed') })).results.failovers[0];
    // latest: a point cut at the request (2 h 2 min 30 s), applied 40 ms later, available
    // 60 s after that: loss 0; RTO = 60.04 s + 3 min + 2 min.
    expect(latest.ok).toBe(true);
    expect(latest.recoveryPoint!.timeMs).toBe(122.5 * MIN);
    expect(latest.dataLossMs).toBe(0);
    expect(latest.dataLossBytes).toBe(0);
    expect(latest.rtoMs).toBe(60_040 + 5 * MIN);
    // latest-processed: the 2 h point; loss = request − 2 h = 150 s; RTO = 5 min.
    expect(processed.dataLossMs).toBe(150 * S);
    expect(processed.rtoMs).toBe(5 * MIN);
    expect(latest.dataLossMs!).toBeLessThan(processed.dataLossMs!);
    expect(latest.rtoMs!).toBeGreaterThan(processed.rtoMs!);
  });

  it('`latest` while the cache region is down falls back to latest-processed and says so', () => {
    const job = run(a2a({ events: `  - { at: 2h2m30s, outage: eastus }\n  - { at: 2h10m, failover: app, recoveryPoint: latest }` })).results.failovers[0];
    expect(job.ok).toBe(true);
    expect(job.reason).toMatch(/latest-processed/);
    expect(job.recoveryPoint!.timeMs).toBe(2 * 60 * MIN);
  });

  it('a two-group recovery plan with a script: RTO = the sum of the group durations', () => {
    const vms = `  - { id: db, site: eastus, bootTime: 3m, disks: [{ id: d, size: 64GiB, used: 1GiB, type: standard-ssd, churn: { profile: constant, rate: 1MBps } }] }
  - { id: web, site: eastus, count: 2, disks: [{ id: d, size: 64GiB, used: 1GiB, type: standard-ssd, churn: { profile: constant, rate: 1MBps } }] }`;
    const plans = `recoveryPlans:
  - id: app
    groups:
      - { vms: [db], after: [{ script: "fix DNS", duration: 2m }] }
      - { vms: [web-*] }`;
    const { results } = run(a2a({ vms, plans, groups: 'db, web-*', events: `  - { at: 3h, failover: app, recoveryPoint: latest-processed }` }));
    const job = results.failovers[0];
    expect(job.ok).toBe(true);
    // Group 1: 3 min creation + 3 min boot; the script: 2 min; group 2 (in parallel): 3 + 2 min.
    expect(job.rtoMs).toBe(6 * MIN + 2 * MIN + 5 * MIN);
    expect(job.vms!.db.upAtMs).toBe(3 * 60 * MIN + 6 * MIN);
    expect(job.vms!['web-1'].upAtMs).toBe(3 * 60 * MIN + 13 * MIN);
    expect(job.vms!['web-2'].upAtMs).toBe(3 * 60 * MIN + 13 * MIN);
    // Source up: the VMs stop at the request; the newest point is the one cut at 3 h − 5 min
    // (the 3 h point is not available yet): loss 5 min for every VM.
    expect(job.dataLossMs).toBe(5 * MIN);
    expect(job.dataLossBytes).toBeCloseTo(3 * 300 * MB, -2);
  });

  it('the round trip failover → commit → reprotect → failback → reprotect ends protected in the original direction', () => {
    const { results, lines } = run(
      a2a({
        duration: '2d',
        events: `  - { at: 3h, failover: app, recoveryPoint: latest-processed }
  - { at: 4h, commit: app }
  - { at: 4h, reprotect: app }
  - { at: 1d, failback: app }
  - { at: 1d2h, reprotect: app }`,
      }),
    );
    expect(results.jobs.map((j) => [j.kind, j.ok])).toEqual([
      ['failover', true],
      ['commit', true],
      ['reprotect', true],
      ['failback', true],
      ['reprotect', true],
    ]);
    expect(results.vms.app.state).toBe('protected');
    expect(results.vms.app.site).toBe('eastus');
    // The first reprotect is differential (the source region is up): the bytes written since
    // the failover's point (2 h 55 min): 5 min before the request + 55 min in westus after the
    // VM came up at 3 h 5 min = 60 min × 1 MB/s = 3.6 GB, after a checksum pass as long as the
    // first initial replication (537 s).
    const reprotect = lines.find((l) => l.includes(' reprotect app '))!;
    expect(reprotect).toMatch(/differential bytes=3600000000(\.0+)? to=eastus/);
    // The failback used `latest` (the westus cache processed): no loss.
    expect(results.failovers[1].kind).toBe('failback');
    expect(results.failovers[1].dataLossMs).toBe(0);
    // Protected again in the original direction: points flow and RPO is defined at the end.
    expect(results.vms.app.rpo!.atEndMs).toBeLessThanOrEqual(5 * MIN + 60_040);
  });

  it('test failover: VMs boot in an isolated network from the chosen point, replication goes on, cleaned up at `lasting`', () => {
    const { results, lines } = run(a2a({ events: `  - { at: 3h, testFailover: app, recoveryPoint: 2h31m, lasting: 1h }` }));
    const job = results.jobs[0];
    expect(job).toMatchObject({ kind: 'testFailover', ok: true, dataLossMs: null, dataLossBytes: null, rtoMs: 5 * MIN });
    // The newest point at or before 2 h 31 min: the one cut at 2 h 30 min.
    expect(job.recoveryPoint).toEqual({ timeMs: 150 * MIN, consistency: 'crash' });
    expect(results.failovers).toEqual([]);
    expect(lines).toContain(`${4 * 60 * MIN} test-cleanup app vms=1`);
    // Production untouched: still protected in eastus, points every 5 min to the end.
    expect(results.vms.app.state).toBe('protected');
    expect(results.vms.app.site).toBe('eastus');
    expect(results.vms.app.rpo!.atEndMs).toBeLessThanOrEqual(5 * MIN + 60_040);
  });

  it('a VM of a multi-VM group fails over with its whole group, to the group\'s common point', () => {
    const vms = `  - { id: web, site: eastus, count: 3, disks: [{ id: d, size: 64GiB, used: 1GiB, type: standard-ssd, churn: { profile: constant, rate: 1MBps } }] }`;
    const yaml = a2a({ vms, groups: 'web-*', events: `  - { at: 2h2m30s, failover: web-2, recoveryPoint: latest-processed }` }).replace(
      'vms: [web-*] }',
      'vms: [web-*], policy: { multiVmGroups: [[web-1, web-2, web-3]] } }',
    );
    const job = run(yaml).results.failovers[0];
    expect(job.ok).toBe(true);
    expect(Object.keys(job.vms!).sort()).toEqual(['web-1', 'web-2', 'web-3']);
    for (const id of ['web-1', 'web-2', 'web-3']) expect(job.vms![id].dataLossMs).toBe(150 * S);
    expect(job.recoveryPoint!.timeMs).toBe(2 * 60 * MIN);
  });

  it('reprotect while the original region is down is a full copy, which waits for the region', () => {
    const { results, lines } = run(
      a2a({
        duration: '1d',
        events: `  - { at: 2h2m30s, outage: eastus, lasting: 6h }
  - { at: 2h10m, failover: app, recoveryPoint: latest-processed }
  - { at: 3h, commit: app }
  - { at: 3h, reprotect: app }`,
      }),
    );
    // Full copy of the used bytes (1 GiB), no checksum pass; it can only land once eastus is
    // back at 8 h 2 min 30 s: then 1 GiB at the 2 MB/s per-disk limit = 536.871 s, + 40 ms.
    expect(lines.some((l) => / reprotect app full bytes=1073741824 to=eastus/.test(l))).toBe(true);
    const reprotect = results.jobs[2];
    expect(reprotect.ok).toBe(true);
    expect(reprotect.completedAtMs).toBe(8 * 60 * MIN + 150 * S + 536_871 + 40);
    expect(results.vms.app.state).toBe('protected');
    expect(results.vms.app.site).toBe('westus');
  });

  it('illegal actions fail with a reason and the run goes on', () => {
    const { results, lines } = run(
      a2a({
        events: `  - { at: 1m, failover: app, recoveryPoint: latest-processed }
  - { at: 1h, commit: app }
  - { at: 1h, reprotect: app }
  - { at: 2h, outage: vault, lasting: 30m }
  - { at: 2h10m, failover: app, recoveryPoint: latest-processed }
  - { at: 3h, failover: app, recoveryPoint: latest-app-consistent }
  - { at: 4h, failover: app, recoveryPoint: latest-processed }`,
      }),
    );
    const jobs = results.jobs.map((j) => ({ kind: j.kind, ok: j.ok, reason: j.reason }));
    expect(jobs[0]).toMatchObject({ kind: 'failover', ok: false, reason: expect.stringMatching(/initial-replication, not protected/) });
    expect(jobs[1]).toMatchObject({ kind: 'commit', ok: false, reason: expect.stringMatching(/needs a failover/) });
    expect(jobs[2]).toMatchObject({ kind: 'reprotect', ok: false, reason: expect.stringMatching(/needs a committed failover/) });
    expect(jobs[3]).toMatchObject({ kind: 'failover', ok: false, reason: expect.stringMatching(/vault is unavailable/) });
    expect(jobs[4]).toMatchObject({ kind: 'failover', ok: false, reason: expect.stringMatching(/no app-consistent recovery point/) });
    expect(jobs[5]).toMatchObject({ kind: 'failover', ok: true, reason: null });
    expect(lines.filter((l) => l.includes(' job-failed ')).length).toBe(5);
    expect(results.vms.app.state).toBe('failed-over');
  });
});

/**
 * Hyper-V: one VM, a 10 GiB VHD with 1 GiB used, 100 kB/s churn, 5-minute cycles over a
 * 100 Mbps link; initial replication (0.5 GiB compressed at 12.5 MB/s) is done in 43 s.
 */
function hyperv(events: string, duration = '6h') {
  return `
drsim: 1
name: hyperv failover
duration: ${duration}
sites: [{ id: madrid, kind: vmm-site, hosts: 1 }, { id: sevilla, kind: vmm-site, hosts: 1 }]
links: [{ id: wan, between: [madrid, sevilla], bandwidth: 100Mbps, latency: 5ms }]
vms:
  - { id: app, site: madrid, disks: [{ id: d, size: 10GiB, used: 1GiB, churn: { profile: constant, rate: 100KBps } }] }
replication:
  - { id: hvr, type: hyperv-to-vmm, from: madrid, to: sevilla, vms: [app], policy: { frequency: 5m } }
events:
${events}
`;
}

describe('Hyper-V failover', () => {
  it('planned failover: no data loss, the replica boots, and the VM is protected in reverse', () => {
    const { results, lines } = run(hyperv(`  - { at: 2h2m, plannedFailover: app }`));
    const job = results.failovers[0];
    expect(job.ok).toBe(true);
    expect(job.dataLossMs).toBe(0);
    expect(job.dataLossBytes).toBe(0);
    expect(results.vms.app.state).toBe('protected');
    expect(results.vms.app.site).toBe('sevilla');
    // The last log (2 min of writes since the 2 h cycle, 12 MB, 6 MB compressed) goes at the
    // request: 6 MB / 12.5 MB/s = 0.48 s + 5 ms; applied at 200 MB/s (0.06 s); then 2 min boot.
    expect(job.rtoMs).toBeGreaterThanOrEqual(2 * MIN + 480);
    expect(job.rtoMs).toBeLessThanOrEqual(2 * MIN + 600);
    expect(lines.some((l) => l.includes(' replication-reversed app to=madrid'))).toBe(true);
    // Logs now flow sevilla → madrid: cycles after the failover are sent.
    const after = lines.filter((l) => l.includes(' log-send app ') && Number(l.split(' ')[0]) > job.completedAtMs!);
    expect(after.length).toBeGreaterThan(30);
  });

  it('unplanned failover: from the newest point, not protected afterwards', () => {
    const { results } = run(hyperv(`  - { at: 2h2m, outage: madrid }\n  - { at: 2h30m, failover: app, recoveryPoint: latest }`));
    const job = results.failovers[0];
    expect(job.ok).toBe(true);
    // The 2 h cycle's log (sent at 2 h, applied within a second) is the newest point; the
    // site went down at 2 h 2 min: 120 s lost.
    expect(job.recoveryPoint!.timeMs).toBe(2 * 60 * MIN);
    expect(job.dataLossMs).toBe(120 * S);
    expect(job.rtoMs).toBe(2 * MIN); // the replica VM exists: boot only
    expect(results.vms.app.state).toBe('failed-over');
    expect(results.vms.app.site).toBe('sevilla');
  });

  it('an unplanned failover cancels a resync; a planned or test failover is refused during it', () => {
    // A 1 GiB VHD: the log passes 50% (512 MiB) after 5,369 s at 100 kB/s once the link is
    // down from 1 h (a 3 h outage): resync required at 1 h + 5,369 s ≈ 2 h 29 min 29 s.
    const yaml = hyperv(`  - { at: 1h, outage: wan, lasting: 3h }
  - { at: 3h, plannedFailover: app }
  - { at: 3h, testFailover: app }
  - { at: 3h1m, failover: app, recoveryPoint: latest-processed }`).replace('size: 10GiB, used: 1GiB', 'size: 1GiB, used: 100MiB');
    const { results, lines } = run(yaml);
    expect(lines.some((l) => / resync-required app /.test(l))).toBe(true);
    const [planned, test, unplanned] = results.jobs;
    expect(planned).toMatchObject({ ok: false, reason: expect.stringMatching(/resync/) });
    expect(test).toMatchObject({ ok: false, reason: expect.stringMatching(/refused during resync/) });
    // The resync deleted no point yet (it cannot compare while the link is down): the newest
    // point is the 55 min cycle's (the 1 h cycle falls at the instant the link goes: missed).
    expect(unplanned).toMatchObject({ ok: true, recoveryPoint: { timeMs: 55 * MIN, consistency: 'crash' } });
    expect(results.vms.app.state).toBe('failed-over');
    expect(lines.some((l) => / resync-done app /.test(l))).toBe(false);
  });

  it('planned failover while the link is down, or with the target VMM server out, fails cleanly', () => {
    const { results } = run(
      hyperv(`  - { at: 1h, outage: wan, lasting: 10m }
  - { at: 1h5m, plannedFailover: app }
  - { at: 2h, outage: sevilla/vmm, lasting: 10m }
  - { at: 2h5m, failover: app, recoveryPoint: latest }
  - { at: 3h, plannedFailover: app }`),
    );
    const [link, vmm, ok] = results.jobs;
    expect(link).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot send/) });
    expect(vmm).toMatchObject({ ok: false, reason: expect.stringMatching(/VMM server of sevilla is unavailable/) });
    expect(ok).toMatchObject({ kind: 'plannedFailover', ok: true, dataLossMs: 0 });
  });

  it('unplanned failover, commit, then reprotect: a block compare then the differences, protected in reverse', () => {
    const { results, lines } = run(
      hyperv(`  - { at: 2h2m, outage: madrid, lasting: 1h }
  - { at: 2h30m, failover: app, recoveryPoint: latest }
  - { at: 3h30m, commit: app }
  - { at: 3h30m, reprotect: app }`),
    );
    expect(results.jobs.map((j) => [j.kind, j.ok])).toEqual([
      ['failover', true],
      ['commit', true],
      ['reprotect', true],
    ]);
    // Madrid is back (its VHD exists): compare 10 GiB at 100 MB/s = 107.374 s (ceil to ms),
    // then send what differs from the 2 h point: 2 min in madrid before the outage and
    // 58 min in sevilla since the VM came up at 2 h 32 min = 60 min × 100 kB/s = 360 MB,
    // compressed to 180 MB at 12.5 MB/s = 14.4 s, + 5 ms latency.
    expect(lines.some((l) => / reprotect app differential bytes=360000000 to=madrid/.test(l))).toBe(true);
    expect(results.jobs[2].completedAtMs).toBe(210 * MIN + 107_375 + 14_400 + 5);
    expect(results.vms.app.state).toBe('protected');
    expect(results.vms.app.site).toBe('sevilla');
    // Logs flow back to madrid after that.
    expect(lines.filter((l) => / log-send app /.test(l) && Number(l.split(' ')[0]) > results.jobs[2].completedAtMs!).length).toBeGreaterThan(20);
  });

  it('failback after a planned failover returns the VM to the primary, protected in the original direction', () => {
    const { results } = run(hyperv(`  - { at: 2h, plannedFailover: app }\n  - { at: 4h, failback: app }`));
    expect(results.jobs.map((j) => [j.kind, j.ok])).toEqual([
      ['plannedFailover', true],
      ['failback', true],
    ]);
    expect(results.vms.app.site).toBe('madrid');
    expect(results.vms.app.state).toBe('protected');
    expect(results.failovers[1].dataLossMs).toBe(0);
  });
});
