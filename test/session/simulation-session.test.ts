// SimulationSession: frames that rebuild the state from patches, steps of every kind, play
// and pause, seek by replay, what-ifs, and above all the same digest as the CLI's batch run
// however the run is cut into steps and watched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario';
import { runScenario } from '../../src/session/run-scenario';
import type { SessionFrame, SessionState } from '../../src/session/session-types';
import { SimulationSession, TRAINER_KINDS } from '../../src/session/simulation-session';

enablePatches();

const dir = join(__dirname, '../../scenarios');
const samples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const traceFiles = Object.fromEntries(
  readdirSync(join(dir, 'traces')).map((f) => [`traces/${f}`, readFileSync(join(dir, 'traces', f), 'utf8')]),
);

function cliDigest(text: string): string {
  const loaded = loadScenario(text, { readFile: (p) => traceFiles[p.replace(/^\.\//, '')] });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return runScenario(loaded.scenario).results.digest;
}

/** A deterministic sequence of step sizes (no Math.random in tests either). */
function* stepPlan(): Generator<{ events: number } | { untilMs: number } | { notable: true }> {
  let x = 12345;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const k = x % 3;
    if (k === 0) yield { events: 1 + (x % 5000) };
    else if (k === 1) yield { notable: true };
    else yield { untilMs: -1 };
  }
}

const A2A = `
drsim: 1
name: session-test
seed: 3
duration: 6h
sites:
  - { id: west, kind: azure-region }
  - { id: east, kind: azure-region }
vms:
  - id: app
    site: west
    count: 2
    disks:
      - { id: os, size: 64GiB, used: 2GiB, type: premium-ssd, churn: { profile: constant, rate: 1MBps, jitter: 0.2 } }
replication:
  - { id: rep, type: azure-to-azure, from: west, to: east, vms: [app-1, app-2] }
events:
  - { at: 3h, failover: app-1, recoveryPoint: latest-processed }
`;

describe('SimulationSession', () => {
  it.each(samples)('%s: stepping in uneven pieces while watched gives the CLI digest', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const session = new SimulationSession();
    const frames: SessionFrame[] = [];
    session.subscribe((f) => frames.push(f));
    expect(session.load({ text, files: traceFiles }).ok).toBe(true);
    const plan = stepPlan();
    let guard = 0;
    while (session.state.status !== 'ended' && guard++ < 100_000) {
      const req = plan.next().value!;
      if ('untilMs' in req) session.step({ untilMs: session.state.timeMs + Math.ceil(session.state.endMs / 37) });
      else session.step(req);
    }
    expect(session.state.status).toBe('ended');
    expect(session.state.digest).toBe(cliDigest(text));
    expect(session.results()!.digest).toBe(session.state.digest);
    // The frames' patches rebuild the session's state exactly.
    let rebuilt: SessionState | null = null;
    for (const f of frames) rebuilt = applyPatches(rebuilt ?? ({} as SessionState), f.patches);
    expect(rebuilt).toEqual(session.state);
  });

  it('streams series triples for the VMs, with recovery points, and notable log entries without churn lines', () => {
    const session = new SimulationSession();
    const frames: SessionFrame[] = [];
    session.subscribe((f) => frames.push(f));
    session.load({ text: A2A });
    session.step({ untilMs: 2 * 3_600_000 });
    const rpo = frames.flatMap((f) => (f.series.rpo_ms ? [...f.series.rpo_ms] : []));
    const points = frames.flatMap((f) => (f.series.points ? [...f.series.points] : []));
    expect(rpo.length % 3).toBe(0);
    expect(rpo.length).toBeGreaterThan(0);
    const vmIndexes = new Set(rpo.filter((_, i) => i % 3 === 0));
    expect([...vmIndexes].sort()).toEqual([0, 1]);
    // Crash-consistent points every 5 minutes once protected: times are multiples of 5 min.
    const pointTimes = points.filter((_, i) => i % 3 === 1);
    expect(pointTimes.length).toBeGreaterThan(10);
    for (const t of pointTimes) expect(t % 300_000).toBe(0);
    const log = frames.flatMap((f) => f.log);
    expect(log.some((e) => e.kind === 'ir-start')).toBe(true);
    expect(log.some((e) => e.kind === 'churn' || e.kind === 'point')).toBe(false);
    const seqs = log.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('after a reprotect the state shows the reverse cache account, in the target region', () => {
    const text = A2A.replace(
      '  - { at: 3h, failover: app-1, recoveryPoint: latest-processed }',
      '  - { at: 3h, failover: app-1, recoveryPoint: latest-processed }\n  - { at: 3h30m, commit: app-1 }\n  - { at: 3h30m, reprotect: app-1 }',
    );
    const session = new SimulationSession();
    expect(session.load({ text }).ok).toBe(true);
    session.step({ untilMs: 3 * 3_600_000 });
    expect(session.state.replications[0].reverseCache).toBeNull();
    session.step({ untilMs: 5 * 3_600_000 });
    const rep = session.state.replications[0];
    expect(rep.reverseCache?.storageAccount).toBe('eastasrcache');
    // app-1 now uploads its writes (1 MB/s ± jitter) into the reverse cache account.
    expect(rep.reverseCache!.bytesPerS).toBeGreaterThan(0);
    expect(session.state.vms.find((v) => v.id === 'app-1')!.replicatesTo).toBe('west');
  });

  it('a notable step stops right after the first trainer-worthy entry', () => {
    const session = new SimulationSession();
    session.load({ text: A2A });
    const first = session.step({ notable: true });
    expect(first.entries.length).toBeGreaterThan(0);
    expect(first.entries.every((e) => TRAINER_KINDS.has(e.kind))).toBe(true);
    expect(first.state.timeMs).toBe(first.entries[0].timeMs);
    const seen = [first];
    for (let i = 0; i < 200 && session.state.status !== 'ended'; i++) seen.push(session.step({ notable: true }));
    const kinds = seen.flatMap((s) => s.entries.map((e) => e.kind));
    expect(kinds).toContain('ir-done');
    expect(kinds).toContain('job');
    expect(kinds).toContain('vm-up');
    const failoverStep = seen.find((s) => s.entries.some((e) => e.kind === 'vm-up'))!;
    expect(failoverStep.state.vms.find((v) => v.id === 'app-1')!.site).toBe('east');
    // Times never go back from step to step.
    const times = seen.map((s) => s.state.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('seeking back replays from the start to the same state as stepping there fresh', () => {
    const a = new SimulationSession();
    a.load({ text: A2A });
    a.step({ untilMs: 5 * 3_600_000 });
    const back = a.seek(2 * 3_600_000);
    const b = new SimulationSession();
    b.load({ text: A2A });
    const fresh = b.step({ untilMs: 2 * 3_600_000 }).state;
    expect(back.timeMs).toBe(2 * 3_600_000);
    expect(back.vms).toEqual(fresh.vms);
    expect(back.links).toEqual(fresh.links);
    a.step({ untilMs: Infinity });
    b.step({ untilMs: Infinity });
    expect(a.state.digest).toBe(b.state.digest);
    expect(a.state.digest).toBe(cliDigest(A2A));
  });

  it('plays as fast as possible to the end, and pause stops a paced play', async () => {
    const session = new SimulationSession();
    session.load({ text: A2A });
    const status = await session.play('max');
    expect(status).toBe('ended');
    expect(session.state.digest).toBe(cliDigest(A2A));

    let wall = 0;
    const paced = new SimulationSession({ clock: () => wall });
    paced.load({ text: A2A });
    const playing = paced.play(60); // 1 wall second = 1 simulated minute
    wall = 100; // 0.1 s of wall time = 6 s of simulated time
    await new Promise((r) => setTimeout(r, 30));
    paced.pause();
    expect(await playing).toBe('paused');
    expect(paced.state.status).toBe('paused');
    expect(paced.state.timeMs).toBe(6000);
  });

  it('sends no frame faster than the frame interval while playing', async () => {
    let wall = 0;
    const session = new SimulationSession({ clock: () => (wall += 1), frameIntervalMs: 1000, sliceMs: 50 });
    const frames: SessionFrame[] = [];
    session.subscribe((f) => frames.push(f));
    session.load({ text: A2A });
    await session.play('max');
    // Each clock read advances the fake wall by 1 ms; frames are ≥ 1000 reads apart.
    expect(frames.length).toBeLessThan(2 + wall / 1000 + 2);
    expect(frames.at(-1)!.patches.some((p) => p.path[0] === 'digest')).toBe(true);
  });

  it('a what-if re-runs the same seed with less bandwidth, leaving the baseline as it was', () => {
    const text = readFileSync(join(dir, 'hyperv-wan-outage.yaml'), 'utf8');
    const session = new SimulationSession();
    session.load({ text });
    const base = session.runToEnd();
    const r = session.applyWhatIf({ bandwidthFactor: 0.25, hypervFrequencyMs: 30_000 });
    expect(r.ok).toBe(true);
    expect(r.state.seed).toBe(base.seed);
    const whatIf = session.runToEnd();
    expect(whatIf.digest).not.toBe(base.digest);
    const sentBase = Object.values(base.links)[0].utilizationPct;
    const sentWhatIf = Object.values(whatIf.links)[0].utilizationPct;
    expect(sentWhatIf).toBeGreaterThan(sentBase);
    session.load({ text });
    expect(session.runToEnd().digest).toBe(base.digest);
  });

  it('refuses a what-if outside the format and an invalid scenario, naming the field', () => {
    const session = new SimulationSession();
    session.load({ text: A2A });
    const bad = session.applyWhatIf({ hypervFrequencyMs: 60_000, bandwidthFactor: -1 });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => e.path)).toEqual(['whatIf.bandwidthFactor', 'whatIf.hypervFrequencyMs']);
    const invalid = session.load({ text: A2A.replace('rate: 1MBps', 'rate: 12') });
    expect(invalid.ok).toBe(false);
    expect(invalid.state.status).toBe('invalid');
    expect(invalid.errors[0].path).toContain('churn.rate');
  });
});
