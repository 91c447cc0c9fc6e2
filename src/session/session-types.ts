// What a SimulationSession shows the outside world: the small structured state of the run
// (kept as an immutable Immer value, sent as patches), the frames that carry those patches
// with the new series samples, and the commands' options. Shared by the worker and the app.
import type { Patch } from 'immer';
import type { LogEntry } from '../kernel';
import type { JobResult, Results } from '../metrics/results-types';
import type { Health, ProtectionState } from '../model/protection-state';
import type { ScenarioError, SiteKind, DiskType } from '../scenario';

export type SessionStatus = 'empty' | 'ready' | 'playing' | 'paused' | 'ended' | 'capped' | 'invalid' | 'error';

export interface SiteView {
  id: string;
  kind: SiteKind;
  /** Hyper-V hosts (VMM site), 0 for a region. */
  hosts: number;
  up: boolean;
  /** The site's VMM server (VMM sites; always true for regions). */
  vmmUp: boolean;
}

export interface LinkView {
  id: string;
  between: [string, string];
  /** The Azure backbone drsim adds between two regions. */
  implicit: boolean;
  /** Nominal bandwidth each way, and the capacity now (after degrade / outage). */
  bandwidthBytesPerS: number;
  capacityBytesPerS: number;
  up: boolean;
  /** Throughput now from between[0] to between[1], and back. */
  forwardBytesPerS: number;
  backwardBytesPerS: number;
  /** Busier direction's throughput over the nominal bandwidth, 0…1. */
  utilisation: number;
  /** Demand above capacity in either direction. */
  saturated: boolean;
}

export interface DiskView {
  id: string;
  key: string;
  sizeBytes: number;
  type: DiskType;
}

export interface VmView {
  id: string;
  /** Index of the VM in the scenario (the `vm` field of series chunks). */
  index: number;
  family: string;
  /** The site in the scenario file, and the one it runs in now (the target after failover). */
  homeSite: string;
  site: string;
  /** 1-based Hyper-V host (VMM sites), 0 in a region. */
  host: number;
  running: boolean;
  state: ProtectionState;
  health: Health;
  /** The replication protecting it, and the site it replicates to now (null if none). */
  replication: string | null;
  replicatesTo: string | null;
  /** RPO and lag now, to the second (the results hold the exact statistics). */
  rpoMs: number | null;
  lagMs: number | null;
  /** Rates and backlog now, to 3 significant digits. */
  churnBytesPerS: number;
  throughputBytesPerS: number;
  /** Hyper-V: log bytes waiting; Azure: bytes in the VM and the cache account not yet applied. */
  backlogBytes: number;
  rpoThresholdMs: number;
  alerts: string[];
  disks: DiskView[];
}

export interface ReplicationView {
  id: string;
  type: 'azure-to-azure' | 'hyperv-to-vmm';
  from: string;
  to: string;
  vms: string[];
  /** Azure→Azure: the target resources enabling replication creates. */
  resources: { resourceGroup: string; vnet: string; cacheStorageAccount: string; availabilitySet: string; replicaDisks: string[] } | null;
  /** Azure→Azure: the cache account's throughput in use now, and its limit. */
  cacheBytesPerS: number;
  cacheLimitBytesPerS: number;
  /** Azure→Azure after a reprotect: the reverse direction's cache account (target region) and its throughput now. */
  reverseCache: { storageAccount: string; bytesPerS: number } | null;
}

export interface SessionState {
  status: SessionStatus;
  scenarioName: string;
  description: string;
  seed: number;
  timeMs: number;
  endMs: number;
  events: number;
  vaultUp: boolean;
  sites: SiteView[];
  links: LinkView[];
  replications: ReplicationView[];
  vms: VmView[];
  jobs: JobResult[];
  /** The event-log digest, once the run has ended. */
  digest: string | null;
  /** Why the run stopped early (event cap, error), for the app to say. */
  message: string | null;
}

/** The per-VM series the frames stream (the `--series` ones plus recovery points). */
export const STREAM_SERIES = ['rpo_ms', 'lag_ms', 'churn_Bps', 'throughput_Bps', 'backlog_bytes', 'points'] as const;
export type StreamSeries = (typeof STREAM_SERIES)[number];

/**
 * New samples since the last frame, packed as triples `[vmIndex, timeMs, value, …]` per series
 * (`points`: value 0 for a crash-consistent point, 1 for an app-consistent one, at its time).
 */
export type SeriesChunk = Partial<Record<StreamSeries, Float64Array>>;

/** An event-log entry worth showing (the ones that are not churn steps or points). */
export interface NotableEntry extends LogEntry {
  /** Sequence number of the entry in the log (1-based), for stable keys. */
  seq: number;
}

export interface SessionFrame {
  /** Increases by one per frame of a load; `load` restarts it at 0 with a full state. */
  seq: number;
  /** Run id: a new one per load / what-if, so the app can drop frames of a previous run. */
  run: number;
  patches: Patch[];
  series: SeriesChunk;
  log: NotableEntry[];
}

export type StepRequest =
  | { events: number }
  | { untilMs: number }
  /** Runs until the next notable event-log entry (trainer mode), or at most `maxMs` of simulated time. */
  | { notable: true; maxMs?: number };

export interface LoadRequest {
  text: string;
  /** Trace CSVs by path relative to the scenario. */
  files?: Record<string, string>;
  /** `--set`-style overrides (`seed=7`, `links[wan].bandwidth=200 Mbps`). */
  overrides?: string[];
  maxEvents?: number;
}

export interface LoadResult {
  ok: boolean;
  errors: ScenarioError[];
  state: SessionState;
}

/** A what-if: changes applied to the loaded scenario before a re-run with the same seed. */
export interface WhatIfPatch {
  /** Multiplies every link's bandwidth (implicit backbones included). */
  bandwidthFactor?: number;
  /** Multiplies every disk's churn. */
  churnMultiplier?: number;
  /** Hyper-V replication frequency, ms (30 s, 5 min or 15 min). */
  hypervFrequencyMs?: number;
  /** Azure→Azure recovery-point retention, ms. */
  azureRetentionMs?: number;
  /** Azure→Azure app-consistent snapshot frequency, ms, or null for none. */
  azureAppConsistentEveryMs?: number | null;
  /** The recovery point every failover / test failover of the scenario uses. */
  failoverRecoveryPoint?: 'latest' | 'latest-processed' | 'latest-app-consistent';
}

export type { Results };
