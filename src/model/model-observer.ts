// What the model tells the metrics layer as the run goes (metrics sits above the model and
// implements this; the model never imports metrics).
import type { ProtectionState } from './protection-state';
import type { RecoveryPoint } from './recovery-points';

export interface ModelObserver {
  /** A VM changed protection state. */
  vmState(vmId: string, state: ProtectionState, atMs: number): void;
  /** A recovery point of the VM's scope became available (RPO drops to now − point.timeMs). */
  pointAvailable(vmId: string, point: RecoveryPoint, atMs: number): void;
  /** RPO is undefined from now on (resync deleted the points, replication stopped). */
  rpoUndefined(vmId: string, atMs: number): void;
  /** An alert was raised or cleared. */
  alert(vmId: string, kind: string, raised: boolean, atMs: number): void;
  /** The VM's health changed. */
  health(vmId: string, health: 'normal' | 'warning' | 'critical', atMs: number): void;
}

export const NO_OBSERVER: ModelObserver = {
  vmState() {},
  pointAvailable() {},
  rpoUndefined() {},
  alert() {},
  health() {},
};
