// Every YAML example of spec/scenario-format.md parses: the fragments are copied here verbatim
// (the spec is not read at test time), embedded in one valid scenario, and normalised by hand.
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadOptions, type Scenario } from '../../src/scenario';

// ---- Verbatim from spec/scenario-format.md ------------------------------------------------

const TOP_LEVEL = `drsim: 1                      # format version (required)
name: Hyper-V to secondary VMM site, nightly batch
description: optional free text shown in the app
seed: 42                      # integer; default 1
duration: 2d                  # simulated time (required)
sites: [...]                  # Azure regions and/or on-premises VMM sites
links: [...]                  # network paths between sites
vms: [...]                    # protected machines and their disks
replication: [...]            # what replicates where, with which policy
recoveryPlans: [...]          # optional
events: [...]                 # optional: faults and operator actions at given times
expect: [...]                 # optional: what the results must show (used by \`drsim check\`)
`;

const SITES = `sites:
  - { id: eastus, kind: azure-region }
  - { id: westus, kind: azure-region }
  - { id: dc-madrid, kind: vmm-site, hosts: 2 }     # Hyper-V hosts in the VMM cloud
`;

const LINKS = `links:
  - id: wan
    between: [dc-madrid, dc-sevilla]   # undirected; capacity applies to each direction
    bandwidth: 100Mbps
    latency: 20ms                       # one way; default 0
`;

const VMS = `vms:
  - id: sql
    site: eastus
    count: 1               # >1 expands to sql-1, sql-2, ... (each with its own rng streams)
    bootTime: 3m           # time to start after failover; default 2m
    disks:
      - id: os
        size: 128GiB
        used: 60GiB        # data the initial replication copies; default = size
        type: premium-ssd  # azure only: standard-hdd | standard-ssd | premium-ssd; default standard-ssd
        ioSize: 16KiB      # azure only: average write size, picks the per-disk limit (model.md); default 16KiB
        # limit: 20MBps    # azure only: overrides the documented per-disk limit
        churn: { profile: constant, rate: 1MBps }
      - id: data
        size: 1TiB
        used: 700GiB
        churn: { profile: diurnal, mean: 6MBps, peak: 24MBps, peakAt: "02:00" }
`;

const REPLICATION = `replication:
  - id: a2a
    type: azure-to-azure        # azure-to-azure | hyperv-to-vmm
    from: eastus
    to: westus
    vms: [sql, web-*]           # ids; a trailing * matches a count-expanded family
    startAt: 0s                 # when replication is enabled (initial replication starts)
    policy: { ... }             # per type, below
    rpoThreshold: 15m           # alert when RPO exceeds it; default 15m (the Deployment Planner's default desired RPO)
`;

const RECOVERY_PLANS = `recoveryPlans:
  - id: app
    groups:                     # run in order; VMs of a group start in parallel
      - vms: [sql]
        after: [{ script: "fix DNS", duration: 2m }]
      - vms: [web-*]
        before: [{ manual: "approve cut-over", duration: 10m }]
`;

const EVENT_LINES = [
  '  - { at: 1d2h, outage: eastus, lasting: 6h }          # a site/region, a link, a VM, `SITE/vmm` or `vault`; `lasting` optional (forever)',
  '  - { at: 1d2h, degrade: wan, bandwidth: 30%, lasting: 2h }',
  '  - { at: 12h, throttle: a2a, cacheThroughput: 5MBps, lasting: 1h }',
  '  - { at: 20h, churn: sql/data, multiply: 4, lasting: 30m }',
  '  - { at: 1d2h10m, failover: app, recoveryPoint: latest-processed }   # plan id or VM id',
  '  - { at: 1d2h10m, testFailover: app }',
  '  - { at: 1d4h, plannedFailover: app }                                  # hyperv-to-vmm',
  '  - { at: 1d5h, commit: app }',
  '  - { at: 1d5h, reprotect: app }                                        # reverse replication',
  '  - { at: 2d, failback: app }',
];

const EXPECT_LINES = [
  '  - { metric: vms.sql.rpo.max, below: 15m }',
  '  - { metric: failovers.0.dataLoss, atMost: 10m }',
  '  - { metric: failovers.0.rto, atMost: 45m }',
  '  - { metric: digest, equals: 9f2c61d0a3b7e845 }',
];

// ---- The policy fields each type takes (listed in prose by the spec), one value each ----------

const AZURE_POLICY =
  '{ retention: 3d, appConsistentEvery: 4h, highChurn: true, multiVmGroups: [[web-*]], cacheThroughput: 2000MBps, processingDelay: 90s }';
const HYPERV_POLICY =
  '{ frequency: 30s, monitoringInterval: 6h, applyRate: 150MBps, resyncCompareRate: 80MBps, additionalRecoveryPoints: 4, appConsistentEvery: 2h, compression: 1, initialReplication: offline, offlineTransfer: 3d, resyncThreshold: 40% }';

// ---- What the fragments refer to but do not declare -------------------------------------

/** `dc-sevilla` (the other end of `wan`). */
const EXTRA_SITE = '  - { id: dc-sevilla, kind: vmm-site }\n';
/** The `web-*` family of the replication and plan examples, and a Hyper-V VM for the second policy. */
const EXTRA_VMS = `  - id: web
    site: eastus
    count: 3
    disks: [{ id: os, size: 64GiB }]
  - id: erp
    site: dc-madrid
    disks: [{ id: os, size: 80GiB }]
`;
const HYPERV_REPLICATION = (policy: string | null) => `  - id: hvr
    type: hyperv-to-vmm
    from: dc-madrid
    to: dc-sevilla
    vms: [erp]
${policy === null ? '' : `    policy: ${policy}\n`}`;

interface Parts {
  azurePolicy: string | null;
  hypervPolicy: string | null;
  events: readonly string[];
  expect: readonly string[];
  vms?: string;
}

/** The top-level example (without its `[...]` placeholders) followed by every fragment. */
function scenarioText({ azurePolicy, hypervPolicy, events, expect: expectations, vms = VMS }: Parts): string {
  const top = TOP_LEVEL.split('\n').filter((line) => !/: \[\.\.\.\]/.test(line));
  const policyLine = / *policy: \{ \.\.\. \}.*\n/;
  const replication = azurePolicy === null ? REPLICATION.replace(policyLine, '') : REPLICATION.replace(policyLine, (line) => line.replace('{ ... }', azurePolicy));
  return [
    top.join('\n'),
    SITES + EXTRA_SITE,
    LINKS,
    vms + EXTRA_VMS,
    replication + HYPERV_REPLICATION(hypervPolicy),
    RECOVERY_PLANS,
    events.length ? `events:\n${events.join('\n')}\n` : '',
    expectations.length ? `expect:\n${expectations.join('\n')}\n` : '',
  ].join('');
}

const EVERYTHING: Parts = { azurePolicy: AZURE_POLICY, hypervPolicy: HYPERV_POLICY, events: EVENT_LINES, expect: EXPECT_LINES };
const NO_POLICIES: Parts = { azurePolicy: null, hypervPolicy: null, events: [], expect: [] };

function load(text: string, options: LoadOptions = {}): Scenario {
  const result = loadScenario(text, options);
  if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.map((e) => e.message).join('\n')}\n---\n${text}`);
  return result.scenario;
}

const vm = (s: Scenario, id: string) => s.vms.find((v) => v.id === id)!;
const disk = (s: Scenario, vmId: string, diskId: string) => vm(s, vmId).disks.find((d) => d.id === diskId)!;
const replication = (s: Scenario, id: string) => s.replications.find((r) => r.id === id)!;

describe('the spec examples, all together in one scenario', () => {
  const s = load(scenarioText(EVERYTHING));

  it('keeps the top-level fields: name, description, seed 42, duration 2d = 172,800,000 ms', () => {
    expect([s.formatVersion, s.name, s.description, s.seed, s.durationMs]).toEqual([
      1,
      'Hyper-V to secondary VMM site, nightly batch',
      'optional free text shown in the app',
      42,
      172_800_000,
    ]);
  });

  it.each([
    ['eastus', 'azure-region', 0],
    ['westus', 'azure-region', 0],
    ['dc-madrid', 'vmm-site', 2],
    ['dc-sevilla', 'vmm-site', 1],
  ])('site %s is a %s with %d Hyper-V hosts (vmm-site default 1)', (id, kind, hosts) => {
    expect(s.sites.find((x) => x.id === id)).toEqual({ id, kind, hosts });
  });

  it('link wan: 100Mbps = 12,500,000 B/s each way, 20ms one way, declared', () => {
    expect(s.links.find((l) => l.id === 'wan')).toEqual({
      id: 'wan',
      between: ['dc-madrid', 'dc-sevilla'],
      bandwidthBytesPerS: 12_500_000,
      latencyMs: 20,
      implicit: false,
    });
  });

  it.each([
    ['sql', 'os', 'size', 137_438_953_472], // 128 GiB
    ['sql', 'os', 'used', 64_424_509_440], // 60 GiB
    ['sql', 'os', 'ioSize', 16_384], // 16 KiB
    ['sql', 'data', 'size', 1_099_511_627_776], // 1 TiB
    ['sql', 'data', 'used', 751_619_276_800], // 700 GiB
    ['web-2', 'os', 'size', 68_719_476_736], // 64 GiB
    ['web-2', 'os', 'used', 68_719_476_736], // default: used = size
  ] as const)('disk %s/%s %s is %d bytes', (vmId, diskId, field, bytes) => {
    const d = disk(s, vmId, diskId);
    expect({ size: d.sizeBytes, used: d.usedBytes, ioSize: d.ioSizeBytes }[field]).toBe(bytes);
  });

  it.each([
    ['sql', 'os', 'premium-ssd'],
    ['sql', 'data', 'standard-ssd'],
  ])('disk %s/%s has type %s (default standard-ssd)', (vmId, diskId, type) => {
    expect(disk(s, vmId, diskId).type).toBe(type);
  });

  it('sql keeps its id with count: 1, boots in 3m = 180,000 ms, and has keys sql/os and sql/data', () => {
    expect(vm(s, 'sql')).toMatchObject({ id: 'sql', family: 'sql', site: 'eastus', bootTimeMs: 180_000 });
    expect(vm(s, 'sql').disks.map((d) => d.key)).toEqual(['sql/os', 'sql/data']);
  });

  it('count: 3 expands web to web-1, web-2, web-3 (family web), after sql, before erp', () => {
    expect(s.vms.map((v) => [v.id, v.family])).toEqual([
      ['sql', 'sql'],
      ['web-1', 'web'],
      ['web-2', 'web'],
      ['web-3', 'web'],
      ['erp', 'erp'],
    ]);
  });

  it.each([
    ['sql', 'os', { profile: 'constant', rateBytesPerS: 1_000_000, stepMs: 0, jitter: 0 }],
    [
      'sql',
      'data',
      { profile: 'diurnal', meanBytesPerS: 6_000_000, peakBytesPerS: 24_000_000, peakAtMs: 7_200_000, stepMs: 300_000, jitter: 0 },
    ],
  ])('disk %s/%s churn normalises to %o', (vmId, diskId, churn) => {
    expect(disk(s, vmId, diskId).churn).toEqual(churn);
  });

  it('a2a: eastus -> westus, `web-*` resolves to the three web VMs, startAt 0, rpoThreshold 15m = 900,000 ms', () => {
    expect(replication(s, 'a2a')).toMatchObject({
      type: 'azure-to-azure',
      from: 'eastus',
      to: 'westus',
      vms: ['sql', 'web-1', 'web-2', 'web-3'],
      startAtMs: 0,
      rpoThresholdMs: 900_000,
    });
  });

  it('the azure-to-azure policy fields take their values and units', () => {
    expect(replication(s, 'a2a').policy).toEqual({
      retentionMs: 259_200_000,
      appConsistentEveryMs: 14_400_000,
      highChurn: true,
      multiVmGroups: [['web-1', 'web-2', 'web-3']],
      cacheThroughputBytesPerS: 2_000_000_000,
      processingDelayMs: 90_000,
    });
  });

  it('the hyperv-to-vmm policy fields take their values and units', () => {
    expect(replication(s, 'hvr').policy).toEqual({
      frequencyMs: 30_000,
      monitoringIntervalMs: 21_600_000,
      applyRateBytesPerS: 150_000_000,
      resyncCompareRateBytesPerS: 80_000_000,
      additionalRecoveryPoints: 4,
      appConsistentEveryMs: 7_200_000,
      compression: 1,
      initialReplication: 'offline',
      offlineTransferMs: 259_200_000,
      resyncThreshold: 0.4,
    });
  });

  it('the implicit backbone joins eastus and westus (no link given): 10Gbps = 1,250,000,000 B/s, 40ms', () => {
    expect(s.links.filter((l) => l.implicit)).toEqual([
      { id: 'eastus~westus', between: ['eastus', 'westus'], bandwidthBytesPerS: 1_250_000_000, latencyMs: 40, implicit: true },
    ]);
  });

  it('recovery plan app: [sql] then the web family, with its script and manual action', () => {
    expect(s.recoveryPlans).toEqual([
      {
        id: 'app',
        groups: [
          { vms: ['sql'], before: [], after: [{ kind: 'script', text: 'fix DNS', durationMs: 120_000 }] },
          { vms: ['web-1', 'web-2', 'web-3'], before: [{ kind: 'manual', text: 'approve cut-over', durationMs: 600_000 }], after: [] },
        ],
      },
    ]);
  });

  it('the ten events are ordered by time, simultaneous ones in file order', () => {
    expect(s.events.map((e) => [e.atMs, e.action])).toEqual([
      [43_200_000, 'throttle'],
      [72_000_000, 'churn'],
      [93_600_000, 'outage'],
      [93_600_000, 'degrade'],
      [94_200_000, 'failover'],
      [94_200_000, 'testFailover'],
      [100_800_000, 'plannedFailover'],
      [104_400_000, 'commit'],
      [104_400_000, 'reprotect'],
      [172_800_000, 'failback'],
    ]);
  });

  it('the four expectations keep their metric, comparator and value as written', () => {
    expect(s.expectations.map((e) => [e.metric, e.comparator, e.expected])).toEqual([
      ['vms.sql.rpo.max', 'below', '15m'],
      ['failovers.0.dataLoss', 'atMost', '10m'],
      ['failovers.0.rto', 'atMost', '45m'],
      ['digest', 'equals', '9f2c61d0a3b7e845'],
    ]);
  });
});

describe('each line of the events example, alone', () => {
  it.each<[string, object]>([
    [EVENT_LINES[0], { action: 'outage', atMs: 93_600_000, lastingMs: 21_600_000, target: { kind: 'site', id: 'eastus' } }],
    [EVENT_LINES[1], { action: 'degrade', atMs: 93_600_000, lastingMs: 7_200_000, link: 'wan', bandwidthFactor: 0.3 }],
    [EVENT_LINES[2], { action: 'throttle', atMs: 43_200_000, lastingMs: 3_600_000, replication: 'a2a', cacheThroughputBytesPerS: 5_000_000 }],
    [EVENT_LINES[3], { action: 'churn', atMs: 72_000_000, lastingMs: 1_800_000, disks: ['sql/data'], multiply: 4 }],
    [EVENT_LINES[4], { action: 'failover', atMs: 94_200_000, target: 'app', recoveryPoint: { kind: 'latest-processed' } }],
    [EVENT_LINES[5], { action: 'testFailover', atMs: 94_200_000, lastingMs: null, target: 'app', recoveryPoint: { kind: 'latest' } }],
    [EVENT_LINES[6], { action: 'plannedFailover', atMs: 100_800_000, target: 'app' }],
    [EVENT_LINES[7], { action: 'commit', atMs: 104_400_000, target: 'app' }],
    [EVENT_LINES[8], { action: 'reprotect', atMs: 104_400_000, target: 'app' }],
    [EVENT_LINES[9], { action: 'failback', atMs: 172_800_000, target: 'app' }],
  ])('%s', (line, event) => {
    const s = load(scenarioText({ ...NO_POLICIES, events: [line] }));
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject(event);
  });

  it.each<[string, object]>([
    ['wan', { kind: 'link', id: 'wan' }],
    ['sql', { kind: 'vm', id: 'sql' }],
    ['web-2', { kind: 'vm', id: 'web-2' }],
    ['dc-madrid/vmm', { kind: 'vmm', site: 'dc-madrid' }],
    ['vault', { kind: 'vault' }],
  ])('an outage of %s (a kind the comment names) targets %o, lasting forever without `lasting`', (target, resolved) => {
    const s = load(scenarioText({ ...NO_POLICIES, events: [`  - { at: 1d, outage: ${target} }`] }));
    expect(s.events[0]).toMatchObject({ action: 'outage', lastingMs: null, target: resolved });
  });

  it.each<[string, object]>([
    ['latest', { kind: 'latest' }],
    ['latest-processed', { kind: 'latest-processed' }],
    ['latest-app-consistent', { kind: 'latest-app-consistent' }],
    ['1d1h', { kind: 'at', atMs: 90_000_000 }],
  ])('recoveryPoint: %s reads as %o', (choice, resolved) => {
    const s = load(scenarioText({ ...NO_POLICIES, events: [`  - { at: 1d2h, failover: sql, recoveryPoint: ${choice} }`] }));
    expect(s.events[0]).toMatchObject({ action: 'failover', target: 'sql', recoveryPoint: resolved });
  });
});

describe('each line of the expect example, alone', () => {
  it.each<[string, [string, string, string]]>([
    [EXPECT_LINES[0], ['vms.sql.rpo.max', 'below', '15m']],
    [EXPECT_LINES[1], ['failovers.0.dataLoss', 'atMost', '10m']],
    [EXPECT_LINES[2], ['failovers.0.rto', 'atMost', '45m']],
    [EXPECT_LINES[3], ['digest', 'equals', '9f2c61d0a3b7e845']],
  ])('%s', (line, [metric, comparator, value]) => {
    const s = load(scenarioText({ ...NO_POLICIES, expect: [line] }));
    expect(s.expectations).toEqual([{ metric, comparator, expected: value, expectedText: value }]);
  });

  it.each([
    ['0123456789012345'], // YAML would read an integer and drop the 0
    ['12e4567890123456'], // YAML would read a float (Infinity)
    ['9007199254740993'], // 2^53 + 1: a double would round it
  ])('a digest that looks like a number, %s, is kept as the text written', (digest) => {
    const s = load(scenarioText({ ...NO_POLICIES, expect: [`  - { metric: digest, equals: ${digest} }`] }));
    expect(s.expectations[0]).toMatchObject({ expected: digest, expectedText: digest });
  });
});

describe('each churn profile of the table', () => {
  const CSV = 'time_s,write_MBps,read_MBps\n0,0.4,9\n1800,4.5,9\n';
  const readFile = (path: string) => {
    if (path !== 'traces/day.csv') throw new Error(`ENOENT: ${path}`);
    return CSV;
  };

  it.each<[string, object]>([
    ['{ profile: constant, rate: 2MBps }', { profile: 'constant', rateBytesPerS: 2_000_000, stepMs: 0, jitter: 0 }],
    ['{ profile: constant, rate: 2MBps, jitter: 0.2 }', { profile: 'constant', rateBytesPerS: 2_000_000, stepMs: 300_000, jitter: 0.2 }],
    [
      '{ profile: diurnal, mean: 6MBps, peak: 24MBps, peakAt: "02:00" }',
      { profile: 'diurnal', meanBytesPerS: 6_000_000, peakBytesPerS: 24_000_000, peakAtMs: 7_200_000, stepMs: 300_000, jitter: 0 },
    ],
    [
      '{ profile: diurnal, mean: 3MBps, peak: 9MBps, peakAt: "13:30", step: 15m, jitter: 25% }',
      { profile: 'diurnal', meanBytesPerS: 3_000_000, peakBytesPerS: 9_000_000, peakAtMs: 48_600_000, stepMs: 900_000, jitter: 0.25 },
    ],
    [
      '{ profile: bursty, base: 500KBps, burst: 6MBps, every: 3h, lasting: 20m, jitter: 0.3 }',
      { profile: 'bursty', baseBytesPerS: 500_000, burstBytesPerS: 6_000_000, everyMs: 10_800_000, lastingMs: 1_200_000, jitter: 0.3 },
    ],
  ])('%s', (churn, normalised) => {
    const s = load(scenarioText({ ...NO_POLICIES, vms: VMS.replace('{ profile: constant, rate: 1MBps }', churn) }));
    expect(disk(s, 'sql', 'os').churn).toEqual(normalised);
  });

  it.each<[string, { column: number; startsMs: number[]; ratesBytesPerS: number[]; periodMs: number; jitter: number }]>([
    ['{ profile: trace, file: traces/day.csv }', { column: 2, startsMs: [0, 1_800_000], ratesBytesPerS: [400_000, 4_500_000], periodMs: 3_600_000, jitter: 0 }],
    [
      '{ profile: trace, file: traces/day.csv, column: 3, step: 10m, jitter: 0.1 }',
      { column: 3, startsMs: [0, 600_000], ratesBytesPerS: [9_000_000, 9_000_000], periodMs: 1_200_000, jitter: 0.1 },
    ],
  ])('%s', (churn, trace) => {
    const s = load(scenarioText({ ...NO_POLICIES, vms: VMS.replace('{ profile: constant, rate: 1MBps }', churn) }), { readFile });
    const c = disk(s, 'sql', 'os').churn;
    if (c.profile !== 'trace') throw new Error(`expected a trace profile, got ${c.profile}`);
    expect({ column: c.column, startsMs: [...c.startsMs], ratesBytesPerS: [...c.ratesBytesPerS], periodMs: c.periodMs, jitter: c.jitter }).toEqual(trace);
  });
});

describe('defaults of model.md and the format, when the examples leave fields out', () => {
  const s = load(scenarioText(NO_POLICIES).replace(/^seed: .*\n/m, '').replace('    bootTime: 3m           # time to start after failover; default 2m\n', ''));

  it.each<[string, (x: Scenario) => unknown, unknown]>([
    ['seed', (x) => x.seed, 1],
    ['vms.sql.bootTime (2m)', (x) => vm(x, 'sql').bootTimeMs, 120_000],
    ['vms.web-3.bootTime (2m)', (x) => vm(x, 'web-3').bootTimeMs, 120_000],
    ['vms.web-1 disk type', (x) => disk(x, 'web-1', 'os').type, 'standard-ssd'],
    ['vms.web-1 disk ioSize (16KiB)', (x) => disk(x, 'web-1', 'os').ioSizeBytes, 16_384],
    ['vms.web-1 disk churn (none: 0 B/s)', (x) => disk(x, 'web-1', 'os').churn, { profile: 'constant', rateBytesPerS: 0, stepMs: 0, jitter: 0 }],
    ['sites.dc-sevilla hosts', (x) => x.sites.find((y) => y.id === 'dc-sevilla')!.hosts, 1],
    ['hvr startAt', (x) => replication(x, 'hvr').startAtMs, 0],
    ['hvr rpoThreshold (15m)', (x) => replication(x, 'hvr').rpoThresholdMs, 900_000],
  ])('%s defaults to %o', (_name, get, value) => {
    expect(get(s)).toEqual(value);
  });

  it('azure-to-azure: retention 24h, app-consistent off, normal churn, no groups, cache 3000MBps, processing delay 60s', () => {
    expect(replication(s, 'a2a').policy).toEqual({
      retentionMs: 86_400_000,
      appConsistentEveryMs: null,
      highChurn: false,
      multiVmGroups: [],
      cacheThroughputBytesPerS: 3_000_000_000,
      processingDelayMs: 60_000,
    });
  });

  it('hyperv-to-vmm: frequency 5m, monitoring 12h, apply 200MBps, compare 100MBps, 0 extra points, off, compression 0.5, network, resync at 50%', () => {
    expect(replication(s, 'hvr').policy).toEqual({
      frequencyMs: 300_000,
      monitoringIntervalMs: 43_200_000,
      applyRateBytesPerS: 200_000_000,
      resyncCompareRateBytesPerS: 100_000_000,
      additionalRecoveryPoints: 0,
      appConsistentEveryMs: null,
      compression: 0.5,
      initialReplication: 'network',
      offlineTransferMs: 0,
      resyncThreshold: 0.5,
    });
  });

  it('an offline initial replication without offlineTransfer ships media for 1d', () => {
    const offline = load(scenarioText({ ...NO_POLICIES, hypervPolicy: '{ initialReplication: offline }' }));
    expect(replication(offline, 'hvr').policy).toMatchObject({ initialReplication: 'offline', offlineTransferMs: 86_400_000 });
  });

  it.each([
    ['replication[*].policy.processingDelay', '60s'],
    ['replication[*].policy.frequency', '5m'],
    ['replication[*].policy.compression', '0.5'],
    ['vms[*].bootTime (×3)', '2m'],
    ['seed', '1'],
    ['links.eastus~westus.bandwidth', '10Gbps'],
    ['links.eastus~westus.latency', '40ms'],
  ])('the run reports the default %s = %s as used', (path, value) => {
    expect(s.defaultsUsed).toContainEqual(expect.objectContaining({ path, value }));
  });

  it('a value given in the file is not reported as a default', () => {
    const paths = s.defaultsUsed.map((d) => d.path);
    expect(paths).not.toContain('duration');
    expect(paths.filter((p) => p.startsWith('links[*].latency'))).toEqual([]);
  });

  it('an explicit link between the two regions replaces the backbone', () => {
    const linked = load(scenarioText(NO_POLICIES).replace('links:\n', 'links:\n  - { id: transatlantic, between: [westus, eastus], bandwidth: 1Gbps }\n'));
    expect(linked.links.map((l) => [l.id, l.implicit])).toEqual([
      ['transatlantic', false],
      ['wan', false],
    ]);
  });
});
