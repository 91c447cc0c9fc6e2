// What a replication (Azure→Azure or Hyper-V) is given by the model it belongs to.
import type { EventLog, Simulator } from '../kernel';
import type { Vm } from '../scenario';
import type { DiskChurn } from './disk-churn';
import type { ModelObserver } from './model-observer';
import type { NetworkLink } from './network-link';

export interface ReplicationContext {
  sim: Simulator;
  log: EventLog;
  observer: ModelObserver;
  /** The link between the replication's two sites. */
  link: NetworkLink;
  churnOf(diskKey: string): DiskChurn;
  vm(id: string): Vm;
}
