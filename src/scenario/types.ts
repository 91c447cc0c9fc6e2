// The normalised scenario the model is built from: every unit converted (ms, bytes,
// bytes/s), every default filled in, `count` expanded and every id resolved.

export type SiteKind = 'azure-region' | 'vmm-site';

export interface Site {
  id: string;
  kind: SiteKind;
  /** Hyper-V hosts in a VMM site (0 for an Azure region). */
  hosts: number;
}

export interface Link {
  id: string;
  between: [string, string];
  /** Capacity in each direction. */
  bandwidthBytesPerS: number;
  latencyMs: number;
  /** True for the Azure backbone drsim adds between two regions without a link. */
  implicit: boolean;
}

export type DiskType = 'standard-hdd' | 'standard-ssd' | 'premium-ssd';

/** A churn profile, rates in bytes/s, durations in ms. */
export type ChurnProfile =
  | { profile: 'constant'; rateBytesPerS: number; stepMs: number; jitter: number }
  | { profile: 'diurnal'; meanBytesPerS: number; peakBytesPerS: number; peakAtMs: number; stepMs: number; jitter: number }
  | { profile: 'bursty'; baseBytesPerS: number; burstBytesPerS: number; everyMs: number; lastingMs: number; jitter: number }
  | {
      profile: 'trace';
      file: string;
      column: number;
      /** Row start times (ms since the trace start) and rates; the trace repeats every periodMs. */
      startsMs: Float64Array;
      ratesBytesPerS: Float64Array;
      periodMs: number;
      jitter: number;
    };

export interface Disk {
  id: string;
  /** `vm/disk`, unique in the scenario. */
  key: string;
  sizeBytes: number;
  usedBytes: number;
  type: DiskType;
  ioSizeBytes: number;
  /** A user override of the documented per-disk limit (Azure), or null. */
  limitBytesPerS: number | null;
  churn: ChurnProfile;
}

export interface Vm {
  id: string;
  /** The id in the file before `count` expansion (`web` for `web-2`). */
  family: string;
  site: string;
  /** 1-based Hyper-V host in a VMM site; 0 in an Azure region. */
  host: number;
  bootTimeMs: number;
  disks: Disk[];
}

export type AppConsistentEvery = number | null;

export interface AzureToAzurePolicy {
  retentionMs: number;
  appConsistentEveryMs: AppConsistentEvery;
  highChurn: boolean;
  multiVmGroups: string[][];
  cacheThroughputBytesPerS: number;
  processingDelayMs: number;
}

export type InitialReplication = 'network' | 'offline' | 'existing';

export interface HyperVPolicy {
  frequencyMs: number;
  monitoringIntervalMs: number;
  applyRateBytesPerS: number;
  resyncCompareRateBytesPerS: number;
  additionalRecoveryPoints: number;
  appConsistentEveryMs: AppConsistentEvery;
  compression: number;
  initialReplication: InitialReplication;
  offlineTransferMs: number;
  resyncThreshold: number;
}

interface ReplicationBase {
  id: string;
  from: string;
  to: string;
  vms: string[];
  startAtMs: number;
  rpoThresholdMs: number;
}

export type Replication =
  | (ReplicationBase & { type: 'azure-to-azure'; policy: AzureToAzurePolicy })
  | (ReplicationBase & { type: 'hyperv-to-vmm'; policy: HyperVPolicy });

export type PlanAction =
  | { kind: 'script'; text: string; durationMs: number }
  | { kind: 'manual'; text: string; durationMs: number };

export interface RecoveryPlanGroup {
  vms: string[];
  before: PlanAction[];
  after: PlanAction[];
}

export interface RecoveryPlan {
  id: string;
  groups: RecoveryPlanGroup[];
}

/** `latest` | `latest-processed` | `latest-app-consistent` | the newest point at or before atMs. */
export type RecoveryPointChoice =
  | { kind: 'latest' }
  | { kind: 'latest-processed' }
  | { kind: 'latest-app-consistent' }
  | { kind: 'at'; atMs: number };

export type OutageTarget =
  | { kind: 'site'; id: string }
  | { kind: 'link'; id: string }
  | { kind: 'vm'; id: string }
  | { kind: 'vmm'; site: string }
  | { kind: 'vault' };

export type ScenarioEvent =
  | { action: 'outage'; atMs: number; lastingMs: number | null; target: OutageTarget; index: number }
  | { action: 'degrade'; atMs: number; lastingMs: number | null; link: string; bandwidthFactor: number; index: number }
  | { action: 'throttle'; atMs: number; lastingMs: number | null; replication: string; cacheThroughputBytesPerS: number; index: number }
  | { action: 'churn'; atMs: number; lastingMs: number | null; disks: string[]; multiply: number; index: number }
  | { action: 'failover'; atMs: number; target: string; recoveryPoint: RecoveryPointChoice; index: number }
  | { action: 'testFailover'; atMs: number; lastingMs: number | null; target: string; recoveryPoint: RecoveryPointChoice; index: number }
  | { action: 'plannedFailover' | 'commit' | 'reprotect' | 'failback'; atMs: number; target: string; index: number };

export type Comparator = 'below' | 'atMost' | 'above' | 'atLeast' | 'equals';

export interface Expectation {
  metric: string;
  comparator: Comparator;
  /** The value as written in the file (shown in results). */
  expectedText: string;
  /** The raw value: number, or string (with a unit, or compared as text). */
  expected: number | string | boolean;
}

export interface DefaultUsed {
  path: string;
  value: string;
  source: string;
}

export interface Scenario {
  formatVersion: 1;
  name: string;
  description: string;
  seed: number;
  durationMs: number;
  sites: Site[];
  links: Link[];
  vms: Vm[];
  replications: Replication[];
  recoveryPlans: RecoveryPlan[];
  events: ScenarioEvent[];
  expectations: Expectation[];
  /** Every field filled from a default, with its source (model.md), for the run's report. */
  defaultsUsed: DefaultUsed[];
}
