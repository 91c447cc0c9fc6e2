// Reads the live model into the session's structured state: sites, links, replications and
// VMs with their live numbers. `writeState` assigns into an Immer draft, field by field, so
// only what changed becomes a patch. Reading never changes the model (pure getters only).
import type { Draft } from 'immer';
import type { A2aReplication, A2aVm } from '../model/a2a-replication';
import type { HyperVReplica, HyperVVm } from '../model/hyperv-replica';
import type { JobResult } from '../metrics/results-types';
import type { LiveRun } from './live-run';
import type { LinkView, SessionState, SessionStatus, VmView } from './session-types';

export type Protection = { kind: 'a2a'; r: A2aReplication; v: A2aVm } | { kind: 'hyperv'; r: HyperVReplica; v: HyperVVm };

/** The replication protecting each VM, found once per run. */
export function protectionIndex(run: LiveRun): Map<string, Protection> {
  const index = new Map<string, Protection>();
  for (const r of run.model.a2a) for (const v of r.vms) index.set(v.id, { kind: 'a2a', r, v });
  for (const r of run.model.hyperv) for (const v of r.vms) index.set(v.id, { kind: 'hyperv', r, v });
  return index;
}

/** Rounds to 3 significant digits: what a person reads, and fewer patches per frame. */
function readable(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 2);
  return Math.round(x / scale) * scale;
}

/** Durations to the whole second (null stays null). */
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000) * 1000);

export function initialState(run: LiveRun, status: SessionStatus): SessionState {
  const s = run.scenario;
  const thresholdOf = new Map<string, number>();
  for (const r of s.replications) for (const id of r.vms) thresholdOf.set(id, r.rpoThresholdMs);
  const replicationOf = new Map<string, string>();
  for (const r of s.replications) for (const id of r.vms) replicationOf.set(id, r.id);
  const state: SessionState = {
    status,
    scenarioName: s.name,
    description: s.description,
    seed: s.seed,
    timeMs: 0,
    endMs: run.endMs,
    events: 0,
    vaultUp: true,
    sites: s.sites.map((site) => ({ id: site.id, kind: site.kind, hosts: site.hosts, up: true, vmmUp: true })),
    links: s.links.map((l) => ({
      id: l.id,
      between: [l.between[0], l.between[1]],
      implicit: l.implicit,
      bandwidthBytesPerS: l.bandwidthBytesPerS,
      capacityBytesPerS: l.bandwidthBytesPerS,
      up: true,
      forwardBytesPerS: 0,
      backwardBytesPerS: 0,
      utilisation: 0,
      saturated: false,
    })),
    replications: s.replications.map((r) => {
      const a2a = run.model.a2a.find((x) => x.spec.id === r.id);
      return {
        id: r.id,
        type: r.type,
        from: r.from,
        to: r.to,
        vms: [...r.vms],
        resources: a2a ? { ...a2a.targetResources, replicaDisks: [...a2a.targetResources.replicaDisks] } : null,
        cacheBytesPerS: 0,
        cacheLimitBytesPerS: a2a ? a2a.cache.capacityBytesPerS : 0,
        reverseCache: null,
      };
    }),
    vms: s.vms.map((vm, index) => ({
      id: vm.id,
      index,
      family: vm.family,
      homeSite: vm.site,
      site: vm.site,
      host: vm.host,
      running: true,
      state: 'unprotected',
      health: 'normal',
      replication: replicationOf.get(vm.id) ?? null,
      replicatesTo: null,
      rpoMs: null,
      lagMs: null,
      churnBytesPerS: 0,
      throughputBytesPerS: 0,
      backlogBytes: 0,
      rpoThresholdMs: thresholdOf.get(vm.id) ?? 0,
      alerts: [],
      disks: vm.disks.map((d) => ({ id: d.id, key: d.key, sizeBytes: d.sizeBytes, type: d.type })),
    })),
    jobs: [],
    digest: null,
    message: null,
  };
  return state;
}

function writeLink(draft: Draft<LinkView>, run: LiveRun, i: number): void {
  const link = run.model.links[i];
  link.settle();
  const forward = readable(link.forward.grantedBytesPerS);
  const backward = readable(link.backward.grantedBytesPerS);
  draft.up = link.up;
  draft.capacityBytesPerS = link.forward.capacityBytesPerS;
  draft.forwardBytesPerS = forward;
  draft.backwardBytesPerS = backward;
  const nominal = link.link.bandwidthBytesPerS;
  draft.utilisation = nominal > 0 ? Math.round((1000 * Math.max(forward, backward)) / nominal) / 1000 : 0;
  const saturatedOne = (c: typeof link.forward) => c.demandedBytesPerS > c.capacityBytesPerS * (1 + 1e-9) && c.demandedBytesPerS > 0;
  draft.saturated = saturatedOne(link.forward) || saturatedOne(link.backward);
}

function writeVm(draft: Draft<VmView>, run: LiveRun, p: Protection | undefined): void {
  const now = run.sim.now;
  const placed = run.model.vmModel(draft.id)!;
  draft.site = placed.site;
  draft.running = placed.running;
  if (!p) return;
  const m = run.metrics.vms.get(draft.id);
  const rpo = m ? m.rpo.rpoAt(now) : null;
  draft.state = p.v.state;
  draft.health = p.v.health;
  draft.rpoMs = seconds(rpo);
  const replicating = p.v.state !== 'unprotected' && p.v.state !== 'failed-over' && p.v.state !== 'committed';
  draft.replicatesTo = replicating ? (p.v.reversed ? p.r.spec.from : p.r.spec.to) : null;
  if (p.kind === 'a2a') {
    draft.lagMs = rpo === null ? null : seconds(p.r.lagMs(p.v));
    const alerts = p.v.activeAlerts;
    if (alerts.join(',') !== draft.alerts.join(',')) draft.alerts = alerts;
  } else {
    draft.lagMs = rpo === null ? null : seconds(p.r.lagMs(p.v));
  }
  draft.churnBytesPerS = readable(p.v.churnBytesPerS);
  draft.throughputBytesPerS = readable(p.v.throughputBytesPerS);
  draft.backlogBytes = readable(p.v.backlogBytes);
}

/** A cheap fingerprint of the jobs, so the list is copied only when a job changed. */
function jobsKey(jobs: readonly { completedAtMs: number | null; ok: boolean }[]): string {
  let key = String(jobs.length);
  for (const j of jobs) key += `|${j.completedAtMs ?? '-'}${j.ok ? 'y' : 'n'}`;
  return key;
}

/** Brings the draft up to the run's present. */
export function writeState(draft: Draft<SessionState>, run: LiveRun, protection: Map<string, Protection>, status: SessionStatus): void {
  const { model, sim } = run;
  draft.status = status;
  draft.timeMs = sim.now;
  draft.events = sim.eventsExecuted;
  draft.vaultUp = model.vaultUp;
  for (const site of draft.sites) {
    site.up = model.isSiteUp(site.id);
    site.vmmUp = model.isVmmUp(site.id);
  }
  draft.links.forEach((l, i) => writeLink(l, run, i));
  for (const r of draft.replications) {
    const a2a = model.a2a.find((x) => x.spec.id === r.id);
    if (!a2a) continue;
    a2a.cache.settle();
    a2a.reverseCache?.settle();
    r.cacheBytesPerS = readable(a2a.cache.grantedBytesPerS);
    r.cacheLimitBytesPerS = a2a.cache.capacityBytesPerS;
    const reverse = a2a.reverseCache;
    if (reverse && !r.reverseCache) r.reverseCache = { storageAccount: a2a.reverseCacheStorageAccount, bytesPerS: 0 };
    if (reverse && r.reverseCache) r.reverseCache.bytesPerS = readable(reverse.grantedBytesPerS);
  }
  for (const vm of draft.vms) writeVm(vm, run, protection.get(vm.id));
  const jobs = model.orchestrator.jobs;
  if (jobsKey(jobs) !== jobsKey(draft.jobs)) draft.jobs = jobs.map((j) => copyJob(j));
  const results = run.results;
  draft.digest = results ? results.digest : null;
}

function copyJob(j: JobResult): JobResult {
  return { ...j, recoveryPoint: j.recoveryPoint ? { ...j.recoveryPoint } : j.recoveryPoint, vms: j.vms ? Object.fromEntries(Object.entries(j.vms).map(([k, v]) => [k, { ...v }])) : j.vms };
}
