// The results object of spec/results.md: one per run, in the CLI and the app. Durations
// are integer ms in `…Ms` fields, sizes bytes in `…Bytes` fields. Fields may be added.

export interface RpoStats {
  maxMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  withinThresholdPct: number;
  atEndMs: number | null;
}

export interface VmResults {
  state: string;
  site: string;
  initialReplication?: { startedAtMs: number; completedAtMs: number | null };
  rpo?: RpoStats | null;
  lag?: { maxMs: number; meanMs: number };
  recoveryPoints?: { created: number; retainedAtEnd: number; appConsistentCreated: number };
  health?: { normalMs: number; warningMs: number; criticalMs: number };
  resyncs?: number;
  bytes: { writtenBytes: number; replicatedBytes?: number; sentBytes?: number; pendingAtEndBytes?: number };
  peakLogBytes?: number;
  peakCacheBacklogBytes?: number;
  /** azure-to-azure: 15-minute windows whose churn exceeded a disk's supported limit. */
  limitExceededEvents?: number;
  /** hyperv-to-vmm: replication cycles missed because a transfer was in flight or could not be sent. */
  missedCycles?: number;
}

export interface LinkResults {
  sentBytes: number;
  utilizationPct: number;
  peakUtilizationPct: number;
  saturatedMs: number;
}

export interface JobResult {
  kind: 'failover' | 'testFailover' | 'plannedFailover' | 'commit' | 'reprotect' | 'failback';
  target: string;
  requestedAtMs: number;
  completedAtMs: number | null;
  ok: boolean;
  reason: string | null;
  recoveryPoint?: { timeMs: number; consistency: 'crash' | 'app' } | null;
  dataLossMs?: number | null;
  dataLossBytes?: number | null;
  rtoMs?: number | null;
  vms?: Record<string, { upAtMs: number | null; dataLossMs: number | null }>;
}

export interface AlertResult {
  atMs: number;
  vm: string;
  kind: string;
  clearedAtMs: number | null;
}

export interface ExpectationResult {
  metric: string;
  comparator: string;
  expected: string;
  actual: number | string | boolean | null;
  /** `actual` in the metric's unit for people (`4m 30s`, `1.50 GiB`). */
  actualText?: string;
  pass: boolean;
  reason?: string;
}

export interface Results {
  drsim: 1;
  scenario: string;
  seed: number;
  simulatedMs: number;
  events: number;
  digest: string;
  logLines: number;
  defaultsUsed: { path: string; value: string; source: string }[];
  vms: Record<string, VmResults>;
  links: Record<string, LinkResults>;
  jobs: JobResult[];
  failovers: JobResult[];
  alerts: AlertResult[];
  expectations: ExpectationResult[];
}
