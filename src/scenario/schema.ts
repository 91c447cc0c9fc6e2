// The zod schema of scenario format v1 (spec/scenario-format.md): field names, types and
// units as the file holds them. Defaults and cross-references are `normalise.ts`'s job.
import { z } from 'zod';
import { duration, fraction, rate, size, timeOfDay } from './unit-fields';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const id = () =>
  z
    .string()
    .regex(ID_PATTERN, { message: 'an id: letters, digits, "-", "_" or "." (no spaces, "/" or "*")' })
    .meta({ description: 'An id: letters, digits, -, _, .' });

/** A VM reference in a list: an id, or a family pattern ending in `*`. */
const vmRef = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\*?$/, { message: 'a VM id, or a pattern with a trailing * such as "web-*"' });

const site = z.strictObject({
  id: id(),
  kind: z.enum(['azure-region', 'vmm-site']),
  hosts: z.number().int().min(1).max(1000).optional().meta({ description: 'Hyper-V hosts in a vmm-site (default 1)' }),
});

const link = z.strictObject({
  id: id(),
  between: z.tuple([id(), id()]),
  bandwidth: rate(),
  latency: duration().optional(),
});

const jitter = fraction().optional();

const churn = z.discriminatedUnion('profile', [
  z.strictObject({ profile: z.literal('constant'), rate: rate(), step: duration().optional(), jitter }),
  z.strictObject({
    profile: z.literal('diurnal'),
    mean: rate(),
    peak: rate(),
    peakAt: timeOfDay(),
    step: duration().optional(),
    jitter,
  }),
  z.strictObject({
    profile: z.literal('bursty'),
    base: rate(),
    burst: rate(),
    every: duration(),
    lasting: duration(),
    jitter,
  }),
  z.strictObject({
    profile: z.literal('trace'),
    file: z.string().min(1),
    column: z.number().int().min(2).optional(),
    step: duration().optional(),
    jitter,
  }),
]);

const disk = z.strictObject({
  id: id(),
  size: size(),
  used: size().optional(),
  type: z.enum(['standard-hdd', 'standard-ssd', 'premium-ssd']).optional(),
  ioSize: size().optional(),
  limit: rate().optional(),
  churn: churn.optional(),
});

const vm = z.strictObject({
  id: id(),
  site: id(),
  count: z.number().int().min(1).max(10_000).optional(),
  host: z.number().int().min(1).optional().meta({ description: '1-based Hyper-V host in a vmm-site' }),
  bootTime: duration().optional(),
  disks: z.array(disk).min(1),
});

const appConsistentEvery = () =>
  z.union([z.literal('off'), duration()]).optional().meta({ description: '"off" or a duration between 1h and 12h' });

const azurePolicy = z.strictObject({
  retention: duration().optional(),
  appConsistentEvery: appConsistentEvery(),
  highChurn: z.boolean().optional(),
  multiVmGroups: z.array(z.array(vmRef()).min(1)).optional(),
  cacheThroughput: rate().optional(),
  processingDelay: duration().optional(),
});

const hyperVPolicy = z.strictObject({
  frequency: duration().optional(),
  monitoringInterval: duration().optional(),
  applyRate: rate().optional(),
  resyncCompareRate: rate().optional(),
  additionalRecoveryPoints: z.number().int().min(0).max(24).optional(),
  appConsistentEvery: appConsistentEvery(),
  compression: fraction().optional(),
  initialReplication: z.enum(['network', 'offline', 'existing']).optional(),
  offlineTransfer: duration().optional(),
  resyncThreshold: fraction().optional(),
});

const replicationCommon = {
  id: id(),
  from: id(),
  to: id(),
  vms: z.array(vmRef()).min(1),
  startAt: duration().optional(),
  rpoThreshold: duration().optional(),
};

const replication = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('azure-to-azure'), ...replicationCommon, policy: azurePolicy.optional() }),
  z.strictObject({ type: z.literal('hyperv-to-vmm'), ...replicationCommon, policy: hyperVPolicy.optional() }),
]);

const planAction = z.union([
  z.strictObject({ script: z.string(), duration: duration() }),
  z.strictObject({ manual: z.string(), duration: duration() }),
]);

const recoveryPlan = z.strictObject({
  id: id(),
  groups: z
    .array(
      z.strictObject({
        vms: z.array(vmRef()).min(1),
        before: z.array(planAction).optional(),
        after: z.array(planAction).optional(),
      }),
    )
    .min(1)
    .max(7),
});

const recoveryPoint = () =>
  z.union([z.enum(['latest', 'latest-processed', 'latest-app-consistent']), duration()]).optional();

/** One event: `at`, exactly one action key, and the fields that action takes (checked in normalise). */
const event = z.strictObject({
  at: duration(),
  lasting: duration().optional(),
  outage: z.string().min(1).optional().meta({ description: 'a site, link or VM id, SITE/vmm, or vault' }),
  degrade: id().optional(),
  throttle: id().optional(),
  churn: z.string().min(1).optional().meta({ description: 'VM/disk; the VM may be a family pattern such as web-*' }),
  failover: id().optional(),
  testFailover: id().optional(),
  plannedFailover: id().optional(),
  commit: id().optional(),
  reprotect: id().optional(),
  failback: id().optional(),
  bandwidth: fraction().optional(),
  cacheThroughput: rate().optional(),
  multiply: z.number().min(0).optional(),
  recoveryPoint: recoveryPoint(),
});

export const EVENT_ACTIONS = [
  'outage',
  'degrade',
  'throttle',
  'churn',
  'failover',
  'testFailover',
  'plannedFailover',
  'commit',
  'reprotect',
  'failback',
] as const;

const expectValue = z.union([z.number(), z.string(), z.boolean()]).optional();

const expectation = z.strictObject({
  metric: z.string().regex(/^[A-Za-z0-9_.*-]+$/, { message: 'a dotted path into the results, e.g. vms.sql.rpo.max' }),
  below: expectValue,
  atMost: expectValue,
  above: expectValue,
  atLeast: expectValue,
  equals: expectValue,
});

export const COMPARATORS = ['below', 'atMost', 'above', 'atLeast', 'equals'] as const;

export const scenarioSchema = z
  .strictObject({
    drsim: z.literal(1).meta({ description: 'Format version: 1' }),
    name: z.string().optional(),
    description: z.string().optional(),
    seed: z.number().int().min(0).max(2 ** 53 - 1).optional(),
    duration: duration(),
    sites: z.array(site).min(1),
    links: z.array(link).optional(),
    vms: z.array(vm).min(1),
    replication: z.array(replication).optional(),
    recoveryPlans: z.array(recoveryPlan).optional(),
    events: z.array(event).optional(),
    expect: z.array(expectation).optional(),
  })
  .meta({ title: 'drsim scenario, format v1', description: 'See spec/scenario-format.md' });

export type RawScenario = z.output<typeof scenarioSchema>;
export type RawVm = RawScenario['vms'][number];
export type RawDisk = RawVm['disks'][number];
export type RawChurn = NonNullable<RawDisk['churn']>;
export type RawReplication = NonNullable<RawScenario['replication']>[number];
export type RawEvent = NonNullable<RawScenario['events']>[number];
