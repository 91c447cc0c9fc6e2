// Operator actions as jobs (spec/results.md `jobs`): what was asked, when, whether it
// succeeded and why not, and for failovers the point used, the data lost and the RTO.
import type { Consistency } from './recovery-points';

export type JobKind = 'failover' | 'testFailover' | 'plannedFailover' | 'commit' | 'reprotect' | 'failback';

export interface JobVm {
  upAtMs: number | null;
  dataLossMs: number | null;
}

export interface Job {
  kind: JobKind;
  target: string;
  requestedAtMs: number;
  completedAtMs: number | null;
  ok: boolean;
  reason: string | null;
  recoveryPoint?: { timeMs: number; consistency: Consistency } | null;
  dataLossMs?: number | null;
  dataLossBytes?: number | null;
  rtoMs?: number | null;
  vms?: Record<string, JobVm>;
}

/** The kinds that move VMs to the other side (listed again as `failovers` in the results). */
export const FAILOVER_KINDS: readonly JobKind[] = ['failover', 'plannedFailover', 'failback'];

export function isFailoverKind(kind: JobKind): boolean {
  return FAILOVER_KINDS.includes(kind);
}
