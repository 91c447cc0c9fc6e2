// Turns the schema-checked file into the normalised `Scenario`: fills defaults (recording
// them), expands `count`, resolves VM patterns and every id, and cross-checks the whole.
import { formatDuration, formatPercent, formatRate, formatSize, parseDuration, parseFraction, parseRate, parseSize, UnitError } from '../units';
import { DEFAULTS, LIMITS, type Default } from './defaults';
import { describeFound, makeError, type PathSegment, type ScenarioError } from './errors';
import type { RawChurn, RawEvent, RawReplication, RawScenario } from './schema';
import { COMPARATORS, EVENT_ACTIONS } from './schema';
import { parseTraceCsv, TraceError } from './trace-csv';
import type {
  ChurnProfile,
  DefaultUsed,
  Disk,
  Expectation,
  Link,
  OutageTarget,
  PlanAction,
  RecoveryPlan,
  RecoveryPointChoice,
  Replication,
  Scenario,
  ScenarioEvent,
  Site,
  Vm,
} from './types';

export interface NormaliseOptions {
  /** Shown as the scenario name when the file has none. */
  fileName?: string;
  /** Reads a file named in the scenario (a trace CSV), relative to the scenario. */
  readFile?: (relativePath: string) => string;
}

class Context {
  readonly errors: ScenarioError[] = [];
  private readonly defaults = new Map<string, DefaultUsed & { count: number }>();

  error(path: readonly PathSegment[] | string, found: string, expected: string): void {
    this.errors.push(makeError(path, found, expected));
  }

  /** The value when present, else the default, recorded under a path with indices as [*]. */
  pick<T>(value: T | undefined, fallback: Default<T>, path: readonly PathSegment[]): T {
    if (value !== undefined) return value;
    const generic = path.map((p) => (typeof p === 'number' ? '*' : p));
    const key = generic.map((p) => (p === '*' ? '[*]' : `.${p}`)).join('').replace(/^\./, '');
    const seen = this.defaults.get(key);
    if (seen) seen.count++;
    else this.defaults.set(key, { path: key, value: fallback.text, source: fallback.source, count: 1 });
    return fallback.value;
  }

  defaultsUsed(): DefaultUsed[] {
    return [...this.defaults.values()].map(({ path, value, source, count }) => ({
      path: count > 1 ? `${path} (×${count})` : path,
      value,
      source,
    }));
  }
}

export function normalise(raw: RawScenario, options: NormaliseOptions = {}): { scenario?: Scenario; errors: ScenarioError[] } {
  const cx = new Context();
  if (raw.duration <= 0) cx.error(['duration'], formatDuration(raw.duration), 'a duration longer than 0s');
  if (raw.duration > LIMITS.maxDurationMs) cx.error(['duration'], formatDuration(raw.duration), `at most ${formatDuration(LIMITS.maxDurationMs)} of simulated time`);

  const idOwners = new Map<string, string>();
  const claimId = (id: string, path: PathSegment[]) => {
    const owner = idOwners.get(id);
    const here = pathText(path);
    if (owner) cx.error([...path, 'id'], `"${id}", already the id of ${owner}`, 'ids unique across sites, links, VMs, replications and plans');
    else idOwners.set(id, here);
  };

  const sites = normaliseSites(raw, cx, claimId);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const links = normaliseLinks(raw, cx, claimId, siteById);
  const vms = normaliseVms(raw, cx, claimId, siteById, options);
  const resolver = new VmResolver(vms);
  const replications = normaliseReplications(raw, cx, claimId, siteById, resolver);
  addBackboneLinks(replications, links, cx, siteById);
  const vmsInReplication = new Set(replications.flatMap((r) => r.vms));
  const recoveryPlans = normalisePlans(raw, cx, claimId, resolver, vmsInReplication);
  const events = normaliseEvents(raw, cx, { siteById, links, vms, resolver, replications, recoveryPlans });
  const expectations = normaliseExpectations(raw, cx);

  if (cx.errors.length > 0) return { errors: cx.errors };
  return {
    errors: [],
    scenario: {
      formatVersion: 1,
      name: raw.name ?? options.fileName ?? 'untitled scenario',
      description: raw.description ?? '',
      seed: cx.pick(raw.seed, DEFAULTS.seed, ['seed']),
      durationMs: raw.duration,
      sites,
      links,
      vms,
      replications,
      recoveryPlans,
      events,
      expectations,
      defaultsUsed: cx.defaultsUsed(),
    },
  };
}

function pathText(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type ClaimId = (id: string, path: PathSegment[]) => void;

function normaliseSites(raw: RawScenario, cx: Context, claimId: ClaimId): Site[] {
  return raw.sites.map((s, i) => {
    claimId(s.id, ['sites', i]);
    if (s.kind === 'azure-region' && s.hosts !== undefined) {
      cx.error(['sites', i, 'hosts'], String(s.hosts), 'no `hosts` on an azure-region (hosts are Hyper-V hosts of a vmm-site)');
    }
    const hosts = s.kind === 'vmm-site' ? cx.pick(s.hosts, DEFAULTS.siteHosts, ['sites', i, 'hosts']) : 0;
    return { id: s.id, kind: s.kind, hosts };
  });
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function normaliseLinks(raw: RawScenario, cx: Context, claimId: ClaimId, siteById: Map<string, Site>): Link[] {
  const pairs = new Map<string, string>();
  return (raw.links ?? []).map((l, i) => {
    claimId(l.id, ['links', i]);
    l.between.forEach((siteId, j) => {
      if (!siteById.has(siteId)) cx.error(['links', i, 'between', j], `"${siteId}"`, `a site id (${[...siteById.keys()].join(', ')})`);
    });
    if (l.between[0] === l.between[1]) cx.error(['links', i, 'between'], `"${l.between[0]}" twice`, 'two different sites');
    const key = pairKey(l.between[0], l.between[1]);
    const other = pairs.get(key);
    if (other) cx.error(['links', i, 'between'], `a second link between ${l.between.join(' and ')} (the first is "${other}")`, 'one link per pair of sites');
    pairs.set(key, l.id);
    return {
      id: l.id,
      between: [l.between[0], l.between[1]],
      bandwidthBytesPerS: l.bandwidth,
      latencyMs: cx.pick(l.latency, DEFAULTS.linkLatencyMs, ['links', i, 'latency']),
      implicit: false,
    };
  });
}

function normaliseVms(raw: RawScenario, cx: Context, claimId: ClaimId, siteById: Map<string, Site>, options: NormaliseOptions): Vm[] {
  const vms: Vm[] = [];
  const nextHost = new Map<string, number>();
  const totalVms = raw.vms.reduce((n, v) => n + (v.count ?? 1), 0);
  if (totalVms > LIMITS.maxVms) cx.error(['vms'], `${totalVms} VMs after count expansion`, `at most ${LIMITS.maxVms}`);
  raw.vms.forEach((v, i) => {
    const path: PathSegment[] = ['vms', i];
    claimId(v.id, path);
    const site = siteById.get(v.site);
    if (!site) cx.error([...path, 'site'], `"${v.site}"`, `a site id (${[...siteById.keys()].join(', ')})`);
    const isAzure = site?.kind === 'azure-region';
    if (v.host !== undefined) {
      if (site && site.kind !== 'vmm-site') cx.error([...path, 'host'], String(v.host), 'no `host` on a VM in an azure-region');
      else if (site && v.host > site.hosts) cx.error([...path, 'host'], String(v.host), `a host between 1 and ${site.hosts} (the hosts of ${site.id})`);
    }
    const count = cx.pick(v.count, DEFAULTS.vmCount, [...path, 'count']);
    const bootTimeMs = cx.pick(v.bootTime, DEFAULTS.bootTimeMs, [...path, 'bootTime']);
    const diskIds = new Set<string>();
    const disks = v.disks.map((disk, j) => {
      const dpath: PathSegment[] = [...path, 'disks', j];
      if (diskIds.has(disk.id)) cx.error([...dpath, 'id'], `"${disk.id}" twice in this VM`, 'disk ids unique within a VM');
      diskIds.add(disk.id);
      if (!isAzure && site) {
        for (const field of ['type', 'ioSize', 'limit'] as const) {
          const value = disk[field];
          if (value !== undefined) cx.error([...dpath, field], typeof value === 'number' ? (field === 'limit' ? formatRate(value) : formatSize(value)) : describeFound(value), `no \`${field}\` on a disk of a VM in a vmm-site (azure-region only)`);
        }
      }
      const usedBytes = disk.used ?? disk.size;
      if (usedBytes > disk.size) cx.error([...dpath, 'used'], formatSize(usedBytes), `at most the disk size (${formatSize(disk.size)})`);
      if (disk.size <= 0) cx.error([...dpath, 'size'], '0 bytes', 'a size above 0');
      return {
        id: disk.id,
        sizeBytes: disk.size,
        usedBytes,
        type: isAzure ? cx.pick(disk.type, DEFAULTS.diskType, [...dpath, 'type']) : DEFAULTS.diskType.value,
        ioSizeBytes: isAzure ? cx.pick(disk.ioSize, DEFAULTS.ioSizeBytes, [...dpath, 'ioSize']) : DEFAULTS.ioSizeBytes.value,
        limitBytesPerS: disk.limit ?? null,
        churn: normaliseChurn(disk.churn, [...dpath, 'churn'], cx, options),
      };
    });
    for (let k = 1; k <= count; k++) {
      const id = count === 1 ? v.id : `${v.id}-${k}`;
      if (count > 1) claimId(id, path);
      let host = 0;
      if (site?.kind === 'vmm-site') {
        if (v.host !== undefined) host = v.host;
        else {
          const n = nextHost.get(site.id) ?? 0;
          host = (n % site.hosts) + 1;
          nextHost.set(site.id, n + 1);
        }
      }
      vms.push({
        id,
        family: v.id,
        site: v.site,
        host,
        bootTimeMs,
        disks: disks.map((d): Disk => ({ ...d, key: `${id}/${d.id}` })),
      });
    }
  });
  const diskCount = vms.reduce((n, v) => n + v.disks.length, 0);
  if (diskCount > LIMITS.maxDisks) cx.error(['vms'], `${diskCount} disks after count expansion`, `at most ${LIMITS.maxDisks}`);
  return vms;
}

function normaliseChurn(churn: RawChurn | undefined, path: PathSegment[], cx: Context, options: NormaliseOptions): ChurnProfile {
  if (!churn) return { profile: 'constant', rateBytesPerS: 0, stepMs: 0, jitter: 0 };
  const jitter = churn.jitter ?? 0;
  switch (churn.profile) {
    case 'constant':
      return {
        profile: 'constant',
        rateBytesPerS: churn.rate,
        stepMs: jitter > 0 ? cx.pick(churn.step, DEFAULTS.jitterStepMs, [...path, 'step']) : (churn.step ?? 0),
        jitter,
      };
    case 'diurnal': {
      if (churn.peak < churn.mean) cx.error([...path, 'peak'], `${formatRate(churn.peak)}, below the mean (${formatRate(churn.mean)})`, 'a peak at least the mean');
      const stepMs = cx.pick(churn.step, DEFAULTS.diurnalStepMs, [...path, 'step']);
      if (stepMs <= 0) cx.error([...path, 'step'], '0s', 'a step longer than 0s');
      return { profile: 'diurnal', meanBytesPerS: churn.mean, peakBytesPerS: churn.peak, peakAtMs: churn.peakAt, stepMs, jitter };
    }
    case 'bursty':
      if (churn.burst < churn.base) cx.error([...path, 'burst'], `${formatRate(churn.burst)}, below base (${formatRate(churn.base)})`, 'the write rate during a burst, at least `base`');
      if (churn.every <= 0) cx.error([...path, 'every'], '0s', 'a mean gap longer than 0s');
      if (churn.lasting <= 0) cx.error([...path, 'lasting'], '0s', 'a mean burst length longer than 0s');
      return {
        profile: 'bursty',
        baseBytesPerS: churn.base,
        burstBytesPerS: churn.burst,
        everyMs: churn.every,
        lastingMs: churn.lasting,
        jitter,
      };
    case 'trace': {
      const column = churn.column ?? 2;
      const empty = { profile: 'trace' as const, file: churn.file, column, startsMs: new Float64Array(0), ratesBytesPerS: new Float64Array(0), periodMs: 1, jitter };
      if (churn.step !== undefined && churn.step <= 0) {
        cx.error([...path, 'step'], '0s', 'a step longer than 0s (or no step: the times in the file)');
        return empty;
      }
      if (!options.readFile) {
        cx.error([...path, 'file'], `"${churn.file}"`, 'a trace file beside the scenario (none can be read here)');
        return empty;
      }
      let text: string;
      try {
        text = options.readFile(churn.file);
      } catch {
        cx.error([...path, 'file'], `"${churn.file}", which cannot be read`, 'a CSV file beside the scenario');
        return empty;
      }
      try {
        const trace = parseTraceCsv(text, column, churn.step ?? null);
        return { profile: 'trace', file: churn.file, column, ...trace, jitter };
      } catch (error) {
        if (!(error instanceof TraceError)) throw error;
        cx.error([...path, 'file'], `in "${churn.file}": ${error.found}`, error.expected);
        return empty;
      }
    }
  }
}

/** Resolves VM references: an id, a family id (all its members), or a `prefix*` pattern. */
class VmResolver {
  private readonly byId: Map<string, Vm>;
  private readonly byFamily = new Map<string, Vm[]>();

  constructor(readonly vms: Vm[]) {
    this.byId = new Map(vms.map((v) => [v.id, v]));
    for (const v of vms) {
      const list = this.byFamily.get(v.family) ?? [];
      list.push(v);
      this.byFamily.set(v.family, list);
    }
  }

  get(id: string): Vm | undefined {
    return this.byId.get(id);
  }

  /** The VMs a reference names, in scenario order; empty when none. */
  resolve(ref: string): Vm[] {
    if (ref.endsWith('*')) {
      const prefix = ref.slice(0, -1);
      return this.vms.filter((v) => v.id.startsWith(prefix));
    }
    const vm = this.byId.get(ref);
    if (vm) return [vm];
    return this.byFamily.get(ref) ?? [];
  }

  resolveList(refs: readonly string[], path: PathSegment[], cx: Context): string[] {
    const out: string[] = [];
    refs.forEach((ref, i) => {
      const found = this.resolve(ref);
      if (found.length === 0) cx.error([...path, i], `"${ref}"`, 'a VM id or a family pattern that matches a VM (e.g. "web-*")');
      for (const v of found) if (!out.includes(v.id)) out.push(v.id);
    });
    return out;
  }
}

function normaliseReplications(
  raw: RawScenario,
  cx: Context,
  claimId: ClaimId,
  siteById: Map<string, Site>,
  resolver: VmResolver,
): Replication[] {
  const protectedBy = new Map<string, string>();
  return (raw.replication ?? []).map((r, i): Replication => {
    const path: PathSegment[] = ['replication', i];
    claimId(r.id, path);
    const wantKind = r.type === 'azure-to-azure' ? 'azure-region' : 'vmm-site';
    for (const end of ['from', 'to'] as const) {
      const site = siteById.get(r[end]);
      if (!site) cx.error([...path, end], `"${r[end]}"`, `a site id (${[...siteById.keys()].join(', ')})`);
      else if (site.kind !== wantKind) cx.error([...path, end], `"${r[end]}", ${KIND_TEXT[site.kind]}`, `${KIND_TEXT[wantKind]} for ${r.type} replication`);
    }
    if (r.from === r.to) cx.error([...path, 'to'], `"${r.to}", the same as from`, 'a different site than `from`');
    const vms = resolver.resolveList(r.vms, [...path, 'vms'], cx);
    for (const id of vms) {
      const vm = resolver.get(id)!;
      if (vm.site !== r.from) cx.error([...path, 'vms'], `"${id}", a VM in ${vm.site}`, `VMs in ${r.from} (the replication's \`from\`)`);
      const other = protectedBy.get(id);
      if (other) cx.error([...path, 'vms'], `"${id}", already replicated by "${other}"`, 'each VM in at most one replication');
      protectedBy.set(id, r.id);
    }
    const base = {
      id: r.id,
      from: r.from,
      to: r.to,
      vms,
      startAtMs: cx.pick(r.startAt, DEFAULTS.startAtMs, [...path, 'startAt']),
      rpoThresholdMs: cx.pick(r.rpoThreshold, DEFAULTS.rpoThresholdMs, [...path, 'rpoThreshold']),
    };
    if (base.rpoThresholdMs <= 0) cx.error([...path, 'rpoThreshold'], '0s', 'a threshold longer than 0s');
    return r.type === 'azure-to-azure' ? { ...base, type: r.type, policy: azurePolicy(r, path, cx, resolver, vms) } : { ...base, type: r.type, policy: hyperVPolicy(r, path, cx) };
  });
}

const KIND_TEXT: Record<Site['kind'], string> = { 'azure-region': 'an azure-region', 'vmm-site': 'a vmm-site' };

function appConsistent(value: number | 'off' | undefined, fallback: Default<number | null>, path: PathSegment[], cx: Context): number | null {
  const picked = value === 'off' ? null : cx.pick(value, fallback, path);
  if (picked !== null && (picked < LIMITS.appConsistentMinMs || picked > LIMITS.appConsistentMaxMs)) {
    cx.error(path, formatDuration(picked), '"off" or a duration between 1h and 12h');
  }
  return picked;
}

function azurePolicy(r: Extract<RawReplication, { type: 'azure-to-azure' }>, path: PathSegment[], cx: Context, resolver: VmResolver, vms: string[]) {
  const p = r.policy ?? {};
  const pp: PathSegment[] = [...path, 'policy'];
  const D = DEFAULTS.a2a;
  const retentionMs = cx.pick(p.retention, D.retentionMs, [...pp, 'retention']);
  if (retentionMs <= 0 || retentionMs > LIMITS.a2aMaxRetentionMs) cx.error([...pp, 'retention'], formatDuration(retentionMs), 'a retention above 0s and at most 15d');
  const inGroup = new Map<string, number>();
  const multiVmGroups = (p.multiVmGroups ?? []).map((group, g) => {
    const gpath: PathSegment[] = [...pp, 'multiVmGroups', g];
    const ids = resolver.resolveList(group, gpath, cx);
    if (ids.length > LIMITS.multiVmGroupMaxVms) cx.error(gpath, `${ids.length} VMs`, `at most ${LIMITS.multiVmGroupMaxVms} VMs in a multi-VM group`);
    for (const id of ids) {
      if (!vms.includes(id)) cx.error(gpath, `"${id}", not replicated by "${r.id}"`, 'VMs of this replication');
      if (inGroup.has(id)) cx.error(gpath, `"${id}", already in group ${inGroup.get(id)}`, 'each VM in at most one multi-VM group');
      inGroup.set(id, g);
    }
    return ids;
  });
  const cacheThroughputBytesPerS = cx.pick(p.cacheThroughput, D.cacheThroughputBytesPerS, [...pp, 'cacheThroughput']);
  if (cacheThroughputBytesPerS <= 0) cx.error([...pp, 'cacheThroughput'], '0', 'a throughput above 0');
  return {
    retentionMs,
    appConsistentEveryMs: appConsistent(p.appConsistentEvery, D.appConsistentEveryMs, [...pp, 'appConsistentEvery'], cx),
    highChurn: cx.pick(p.highChurn, D.highChurn, [...pp, 'highChurn']),
    multiVmGroups,
    cacheThroughputBytesPerS,
    processingDelayMs: cx.pick(p.processingDelay, D.processingDelayMs, [...pp, 'processingDelay']),
  };
}

function hyperVPolicy(r: Extract<RawReplication, { type: 'hyperv-to-vmm' }>, path: PathSegment[], cx: Context) {
  const p = r.policy ?? {};
  const pp: PathSegment[] = [...path, 'policy'];
  const D = DEFAULTS.hyperv;
  const frequencyMs = cx.pick(p.frequency, D.frequencyMs, [...pp, 'frequency']);
  if (!LIMITS.hypervFrequenciesMs.includes(frequencyMs)) cx.error([...pp, 'frequency'], formatDuration(frequencyMs), 'one of 30s, 5m, 15m');
  const monitoringIntervalMs = cx.pick(p.monitoringInterval, D.monitoringIntervalMs, [...pp, 'monitoringInterval']);
  if (monitoringIntervalMs < LIMITS.monitoringIntervalMinMs || monitoringIntervalMs > LIMITS.monitoringIntervalMaxMs) {
    cx.error([...pp, 'monitoringInterval'], formatDuration(monitoringIntervalMs), 'a duration between 1h and 7d');
  }
  const compression = cx.pick(p.compression, D.compression, [...pp, 'compression']);
  if (compression <= 0) cx.error([...pp, 'compression'], String(compression), 'a ratio above 0 (1 = no compression)');
  const resyncThreshold = cx.pick(p.resyncThreshold, D.resyncThreshold, [...pp, 'resyncThreshold']);
  if (resyncThreshold <= 0) cx.error([...pp, 'resyncThreshold'], String(resyncThreshold), 'a fraction above 0');
  const initialReplication = cx.pick(p.initialReplication, D.initialReplication, [...pp, 'initialReplication']);
  if (p.offlineTransfer !== undefined && initialReplication !== 'offline') {
    cx.error([...pp, 'offlineTransfer'], formatDuration(p.offlineTransfer), 'no offlineTransfer unless initialReplication is offline');
  }
  const applyRateBytesPerS = cx.pick(p.applyRate, D.applyRateBytesPerS, [...pp, 'applyRate']);
  const resyncCompareRateBytesPerS = cx.pick(p.resyncCompareRate, D.resyncCompareRateBytesPerS, [...pp, 'resyncCompareRate']);
  if (applyRateBytesPerS <= 0) cx.error([...pp, 'applyRate'], '0', 'a rate above 0');
  if (resyncCompareRateBytesPerS <= 0) cx.error([...pp, 'resyncCompareRate'], '0', 'a rate above 0');
  return {
    frequencyMs,
    monitoringIntervalMs,
    applyRateBytesPerS,
    resyncCompareRateBytesPerS,
    additionalRecoveryPoints: cx.pick(p.additionalRecoveryPoints, D.additionalRecoveryPoints, [...pp, 'additionalRecoveryPoints']),
    appConsistentEveryMs: appConsistent(p.appConsistentEvery, D.appConsistentEveryMs, [...pp, 'appConsistentEvery'], cx),
    compression,
    initialReplication,
    offlineTransferMs: initialReplication === 'offline' ? cx.pick(p.offlineTransfer, D.offlineTransferMs, [...pp, 'offlineTransfer']) : 0,
    resyncThreshold,
  };
}

/** Azure regions replicating without a link get the implicit backbone (model.md); VMM sites need a link. */
function addBackboneLinks(replications: Replication[], links: Link[], cx: Context, siteById: Map<string, Site>): void {
  const linked = new Set(links.map((l) => pairKey(l.between[0], l.between[1])));
  replications.forEach((r, i) => {
    const key = pairKey(r.from, r.to);
    if (linked.has(key) || r.from === r.to) return;
    const from = siteById.get(r.from);
    const to = siteById.get(r.to);
    if (!from || !to) return;
    if (from.kind === 'azure-region' && to.kind === 'azure-region') {
      const [a, b] = r.from < r.to ? [r.from, r.to] : [r.to, r.from];
      links.push({
        id: `${a}~${b}`,
        between: [a, b],
        bandwidthBytesPerS: cx.pick(undefined, DEFAULTS.backboneBandwidthBytesPerS, ['links', `${a}~${b}`, 'bandwidth']),
        latencyMs: cx.pick(undefined, DEFAULTS.backboneLatencyMs, ['links', `${a}~${b}`, 'latency']),
        implicit: true,
      });
      linked.add(key);
    } else if (from.kind === 'vmm-site' && to.kind === 'vmm-site') {
      cx.error(['replication', i], `no link between ${r.from} and ${r.to}`, 'a `links` entry between the two VMM sites (LAN or VPN)');
    }
  });
}

function planActions(list: { script?: string; manual?: string; duration: number }[] | undefined): PlanAction[] {
  return (list ?? []).map((a) =>
    a.script !== undefined ? { kind: 'script', text: a.script, durationMs: a.duration } : { kind: 'manual', text: a.manual ?? '', durationMs: a.duration },
  );
}

function normalisePlans(raw: RawScenario, cx: Context, claimId: ClaimId, resolver: VmResolver, replicated: Set<string>): RecoveryPlan[] {
  return (raw.recoveryPlans ?? []).map((plan, i) => {
    const path: PathSegment[] = ['recoveryPlans', i];
    claimId(plan.id, path);
    const seen = new Set<string>();
    const groups = plan.groups.map((g, j) => {
      const gpath: PathSegment[] = [...path, 'groups', j, 'vms'];
      const vms = resolver.resolveList(g.vms, gpath, cx);
      for (const id of vms) {
        if (seen.has(id)) cx.error(gpath, `"${id}" in two groups`, 'each VM once in a plan');
        if (!replicated.has(id)) cx.error(gpath, `"${id}", which no replication protects`, 'VMs listed in a `replication` entry');
        seen.add(id);
      }
      return { vms, before: planActions(g.before), after: planActions(g.after) };
    });
    if (seen.size > LIMITS.planMaxVms) cx.error([...path, 'groups'], `${seen.size} VMs`, `at most ${LIMITS.planMaxVms} VMs in a plan`);
    return { id: plan.id, groups };
  });
}

interface EventRefs {
  siteById: Map<string, Site>;
  links: Link[];
  vms: Vm[];
  resolver: VmResolver;
  replications: Replication[];
  recoveryPlans: RecoveryPlan[];
}

const TAKES: Record<(typeof EVENT_ACTIONS)[number], readonly string[]> = {
  outage: ['lasting'],
  degrade: ['lasting', 'bandwidth'],
  throttle: ['lasting', 'cacheThroughput'],
  churn: ['lasting', 'multiply'],
  failover: ['recoveryPoint'],
  testFailover: ['recoveryPoint', 'lasting'],
  plannedFailover: [],
  commit: [],
  reprotect: [],
  failback: [],
};

const REQUIRES: Partial<Record<(typeof EVENT_ACTIONS)[number], string>> = {
  degrade: 'bandwidth',
  throttle: 'cacheThroughput',
  churn: 'multiply',
};

/** An event field's parsed value as the file wrote it (`1h`, `30.0%`, `5 MBps`). */
function eventFieldText(field: 'lasting' | 'bandwidth' | 'cacheThroughput' | 'multiply' | 'recoveryPoint', value: number | string): string {
  if (typeof value === 'string') return describeFound(value);
  if (field === 'bandwidth') return formatPercent(value);
  if (field === 'cacheThroughput') return formatRate(value);
  return field === 'multiply' ? String(value) : formatDuration(value);
}

function recoveryPointChoice(value: RawEvent['recoveryPoint']): RecoveryPointChoice {
  if (value === undefined || value === 'latest') return { kind: 'latest' };
  if (value === 'latest-processed' || value === 'latest-app-consistent') return { kind: value };
  return { kind: 'at', atMs: value };
}

function normaliseEvents(raw: RawScenario, cx: Context, refs: EventRefs): ScenarioEvent[] {
  const out: ScenarioEvent[] = [];
  const linkIds = new Set(refs.links.map((l) => l.id));
  const planIds = new Set(refs.recoveryPlans.map((p) => p.id));
  const operatorTargets = () => `a recovery plan or VM id (${[...planIds, ...refs.vms.slice(0, 8).map((v) => v.id)].join(', ')}${refs.vms.length > 8 ? ', …' : ''})`;
  (raw.events ?? []).forEach((e, index) => {
    const path: PathSegment[] = ['events', index];
    const actions = EVENT_ACTIONS.filter((a) => e[a] !== undefined);
    if (actions.length !== 1) {
      cx.error(path, actions.length === 0 ? 'no action' : `${actions.length} actions (${actions.join(', ')})`, `exactly one of ${EVENT_ACTIONS.join(', ')}`);
      return;
    }
    const action = actions[0];
    for (const field of ['lasting', 'bandwidth', 'cacheThroughput', 'multiply', 'recoveryPoint'] as const) {
      if (e[field] !== undefined && !TAKES[action].includes(field)) cx.error([...path, field], eventFieldText(field, e[field]), `no \`${field}\` on a ${action} event`);
    }
    const required = REQUIRES[action];
    if (required && e[required as keyof RawEvent] === undefined) cx.error([...path, required], 'nothing', `a ${required} for a ${action} event (this field is required)`);
    if (e.at > raw.duration) cx.error([...path, 'at'], formatDuration(e.at), `a time within the run (duration ${formatDuration(raw.duration)})`);
    const lastingMs = e.lasting ?? null;
    if (lastingMs !== null && lastingMs <= 0) cx.error([...path, 'lasting'], '0s', 'a duration longer than 0s (omit it for "forever")');
    const target = e[action] as string;
    const apath: PathSegment[] = [...path, action];
    switch (action) {
      case 'outage': {
        const t = outageTarget(target, refs, linkIds);
        if (!t) cx.error(apath, `"${target}"`, 'a site, link or VM id, SITE/vmm (a vmm-site), or vault');
        else out.push({ action, atMs: e.at, lastingMs, target: t, index });
        break;
      }
      case 'degrade':
        if (!linkIds.has(target)) cx.error(apath, `"${target}"`, `a link id (${[...linkIds].join(', ') || 'none declared'})`);
        out.push({ action, atMs: e.at, lastingMs, link: target, bandwidthFactor: e.bandwidth ?? 1, index });
        break;
      case 'throttle': {
        const r = refs.replications.find((x) => x.id === target);
        if (!r || r.type !== 'azure-to-azure') cx.error(apath, `"${target}"`, 'the id of an azure-to-azure replication (throttle limits its cache account)');
        out.push({ action, atMs: e.at, lastingMs, replication: target, cacheThroughputBytesPerS: e.cacheThroughput ?? 0, index });
        break;
      }
      case 'churn': {
        const slash = target.lastIndexOf('/');
        const vmRef = slash > 0 ? target.slice(0, slash) : '';
        const diskId = slash > 0 ? target.slice(slash + 1) : '';
        const vms = vmRef ? refs.resolver.resolve(vmRef) : [];
        const disks = vms.flatMap((v) => v.disks.filter((d) => d.id === diskId).map((d) => d.key));
        if (disks.length === 0) cx.error(apath, `"${target}"`, 'VM/disk naming an existing disk, e.g. sql/data or web-*/os');
        out.push({ action, atMs: e.at, lastingMs, disks, multiply: e.multiply ?? 1, index });
        break;
      }
      case 'failover':
      case 'testFailover':
        if (!planIds.has(target) && !refs.resolver.get(target)) cx.error(apath, `"${target}"`, operatorTargets());
        if (action === 'failover') out.push({ action, atMs: e.at, target, recoveryPoint: recoveryPointChoice(e.recoveryPoint), index });
        else out.push({ action, atMs: e.at, lastingMs, target, recoveryPoint: recoveryPointChoice(e.recoveryPoint), index });
        break;
      default:
        if (!planIds.has(target) && !refs.resolver.get(target)) cx.error(apath, `"${target}"`, operatorTargets());
        out.push({ action, atMs: e.at, target, index });
    }
  });
  // Stable by time: simultaneous events keep their order in the file.
  return out.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
}

function outageTarget(target: string, refs: EventRefs, linkIds: Set<string>): OutageTarget | null {
  if (target === 'vault') return { kind: 'vault' };
  if (target.endsWith('/vmm')) {
    const site = refs.siteById.get(target.slice(0, -4));
    return site?.kind === 'vmm-site' ? { kind: 'vmm', site: site.id } : null;
  }
  if (refs.siteById.has(target)) return { kind: 'site', id: target };
  if (linkIds.has(target)) return { kind: 'link', id: target };
  if (refs.resolver.get(target)) return { kind: 'vm', id: target };
  return null;
}

function normaliseExpectations(raw: RawScenario, cx: Context): Expectation[] {
  const out: Expectation[] = [];
  (raw.expect ?? []).forEach((e, i) => {
    const present = COMPARATORS.filter((c) => e[c] !== undefined);
    if (present.length !== 1) {
      cx.error(['expect', i], present.length === 0 ? 'no comparator' : `${present.length} comparators (${present.join(', ')})`, `exactly one of ${COMPARATORS.join(', ')}`);
      return;
    }
    const comparator = present[0];
    const expected = e[comparator] as number | string | boolean;
    if (comparator !== 'equals' && (typeof expected === 'boolean' || (typeof expected === 'string' && !isQuantity(expected)))) {
      cx.error(['expect', i, comparator], describeFound(expected), 'a number, or a value with a unit such as 15m, 500GB, 20MBps or 99%');
    }
    out.push({ metric: e.metric, comparator, expected, expectedText: String(expected) });
  });
  return out;
}

/** Whether text reads as a duration, size, rate or fraction: what `below`, `atMost`, ... compare with. */
function isQuantity(text: string): boolean {
  return [parseDuration, parseSize, parseRate, parseFraction].some((parse) => {
    try {
      parse(text);
      return true;
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      return false;
    }
  });
}
