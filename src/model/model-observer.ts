// What the model tells the metrics layer as the run goes (metrics sits above the model and
// implements this; the model never imports metrics).
import type { ProtectionState } from './protection-state';
import type { RecoveryPoint } from './recovery-points';

/** Hears one VM's recovery points. */
export interface PointListener {
  /** A recovery point of the VM's scope became available (RPO drops to now − point.timeMs). */
  pointAvailable(point: RecoveryPoint, atMs: number): void;
}

export interface ModelObserver {
  /** A VM changed protection state. */
  vmState(vmId: string, state: ProtectionState, atMs: number): void;
  /**
   * The listener of the VM's recovery points: asked for once (when the model is built), so
   * the point of every cycle needs no lookup by id.
   */
  pointsOf(vmId: string): PointListener;
  /** RPO is undefined from now on (resync deleted the points, replication stopped). */
  rpoUndefined(vmId: string, atMs: number): void;
  /** An alert was raised or cleared. */
  alert(vmId: string, kind: string, raised: boolean, atMs: number): void;
  /** The VM's health changed. */
  health(vmId: string, health: 'normal' | 'warning' | 'critical', atMs: number): void;
}

const NO_POINT_LISTENER: PointListener = { pointAvailable() {} };

export const NO_OBSERVER: ModelObserver = {
  vmState() {},
  pointsOf: () => NO_POINT_LISTENER,
  rpoUndefined() {},
  alert() {},
  health() {},
};
