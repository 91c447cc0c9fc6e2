// The disaster-recovery model built from a scenario: its VMs and disks on the kernel.
// (This first layer drives each disk's write curve; replication builds on it.)
import type { EventLog, Simulator } from '../kernel';
import type { Scenario, Vm } from '../scenario';
import { DiskChurn } from './disk-churn';

export type ProtectionState =
  | 'unprotected'
  | 'enabling'
  | 'initial-replication'
  | 'protected'
  | 'resync'
  | 'failing-over'
  | 'failed-over'
  | 'committed'
  | 'reprotecting';

export interface VmModel {
  readonly vm: Vm;
  state: ProtectionState;
  readonly disks: DiskChurn[];
}

export class DrModel {
  readonly vms: VmModel[];
  readonly disks: DiskChurn[];
  private readonly diskByKey: Map<string, DiskChurn>;

  constructor(
    readonly scenario: Scenario,
    readonly sim: Simulator,
    readonly log: EventLog,
  ) {
    this.vms = scenario.vms.map((vm) => ({
      vm,
      state: 'unprotected' as ProtectionState,
      disks: vm.disks.map((d) => new DiskChurn(d, sim, log, scenario.seed)),
    }));
    this.disks = this.vms.flatMap((v) => v.disks);
    this.diskByKey = new Map(this.disks.map((d) => [d.disk.key, d]));
  }

  disk(key: string): DiskChurn | undefined {
    return this.diskByKey.get(key);
  }

  /** Logs the run's header and starts every entity at time 0. */
  start(): void {
    const s = this.scenario;
    this.log.record(0, 'run', 'start', `seed=${s.seed} duration=${s.durationMs} vms=${s.vms.length} disks=${this.disks.length}`);
    for (const disk of this.disks) disk.start();
    this.scheduleChurnEvents();
  }

  /** `churn` events of the timeline: multiply a disk's rate, for `lasting` or forever. */
  private scheduleChurnEvents(): void {
    for (const event of this.scenario.events) {
      if (event.action !== 'churn') continue;
      const disks = event.disks.map((key) => this.diskByKey.get(key)).filter((d): d is DiskChurn => d !== undefined);
      this.sim.at(event.atMs, () => {
        this.log.record(this.sim.now, 'fault', event.disks.join(','), `churn-multiply=${event.multiply}`);
        for (const d of disks) d.setMultiplier(event.multiply);
      });
      if (event.lastingMs !== null && event.atMs + event.lastingMs <= this.scenario.durationMs) {
        this.sim.at(event.atMs + event.lastingMs, () => {
          this.log.record(this.sim.now, 'fault-end', event.disks.join(','), 'churn-multiply=1');
          for (const d of disks) d.setMultiplier(1);
        });
      }
    }
  }
}
