// The disaster-recovery model built from a scenario: VMs and their disks' churn, network
// links, the replications between sites, and the timeline's faults, on the kernel.
import type { EventLog, Simulator } from '../kernel';
import type { Scenario, ScenarioEvent, Vm } from '../scenario';
import { A2aReplication } from './a2a-replication';
import { DiskChurn } from './disk-churn';
import { HyperVReplica } from './hyperv-replica';
import { NO_OBSERVER, type ModelObserver } from './model-observer';
import { NetworkLink } from './network-link';
import type { ProtectionState } from './protection-state';

export type { ProtectionState };

export interface VmModel {
  readonly vm: Vm;
  readonly disks: DiskChurn[];
  /** Outages that stopped the VM (its own, or its site's). */
  downCount: number;
}

export class DrModel {
  readonly vms: VmModel[];
  readonly disks: DiskChurn[];
  readonly links: NetworkLink[];
  readonly a2a: A2aReplication[] = [];
  readonly hyperv: HyperVReplica[] = [];
  private readonly diskByKey: Map<string, DiskChurn>;
  private readonly vmById: Map<string, VmModel>;

  constructor(
    readonly scenario: Scenario,
    readonly sim: Simulator,
    readonly log: EventLog,
    readonly observer: ModelObserver = NO_OBSERVER,
  ) {
    this.vms = scenario.vms.map((vm) => ({
      vm,
      disks: vm.disks.map((d) => new DiskChurn(d, sim, log, scenario.seed)),
      downCount: 0,
    }));
    this.disks = this.vms.flatMap((v) => v.disks);
    this.diskByKey = new Map(this.disks.map((d) => [d.disk.key, d]));
    this.vmById = new Map(this.vms.map((v) => [v.vm.id, v]));
    this.links = scenario.links.map((l) => new NetworkLink(l, sim));
    for (const r of scenario.replications) {
      const link = this.linkBetween(r.from, r.to);
      if (!link) throw new Error(`no link between ${r.from} and ${r.to}`);
      const churnOf = (key: string) => this.diskByKey.get(key)!;
      const vmOf = (id: string) => this.vmById.get(id)!.vm;
      if (r.type === 'azure-to-azure') {
        this.a2a.push(new A2aReplication(r, { sim, log, observer, link, churnOf, vm: vmOf }));
      } else {
        const targetHosts = scenario.sites.find((site) => site.id === r.to)?.hosts ?? 1;
        this.hyperv.push(new HyperVReplica(r, { sim, log, observer, link, churnOf, vm: vmOf, targetHosts }));
      }
    }
  }

  disk(key: string): DiskChurn | undefined {
    return this.diskByKey.get(key);
  }

  linkBetween(a: string, b: string): NetworkLink | undefined {
    return this.links.find((l) => l.connects(a, b));
  }

  /** Logs the run's header and starts every entity at time 0. */
  start(): void {
    const s = this.scenario;
    this.log.record(0, 'run', 'start', `seed=${s.seed} duration=${s.durationMs} vms=${s.vms.length} disks=${this.disks.length}`);
    for (const disk of this.disks) disk.start();
    for (const r of this.a2a) r.start();
    for (const r of this.hyperv) r.start();
    for (const event of s.events) this.scheduleFault(event);
  }

  /** Work to do when the run stops: final pruning of recovery points, and the conservation check. */
  finish(): void {
    for (const r of this.a2a) r.finalPrune();
    for (const r of this.hyperv) r.finalPrune();
    const problems = this.a2a.flatMap((r) => r.vms.flatMap((v) => v.disks.map((d) => d.conservationProblem()))).filter((p) => p !== null);
    if (problems.length > 0) throw new Error(`drsim invariant broken (conservation of bytes): ${problems.join('; ')}`);
  }

  private scheduleFault(event: ScenarioEvent): void {
    if (event.action !== 'outage' && event.action !== 'degrade' && event.action !== 'throttle' && event.action !== 'churn') return;
    const begin = () => this.applyFault(event, true);
    const end = () => this.applyFault(event, false);
    this.sim.at(event.atMs, begin);
    if (event.lastingMs !== null && event.atMs + event.lastingMs <= this.scenario.durationMs) this.sim.at(event.atMs + event.lastingMs, end);
  }

  private applyFault(event: ScenarioEvent, starting: boolean): void {
    const now = this.sim.now;
    const kind = starting ? 'fault' : 'fault-end';
    switch (event.action) {
      case 'churn': {
        this.log.record(now, kind, event.disks.join(','), `churn-multiply=${starting ? event.multiply : 1}`);
        for (const key of event.disks) this.diskByKey.get(key)?.setMultiplier(starting ? event.multiply : 1);
        break;
      }
      case 'degrade': {
        const link = this.links.find((l) => l.id === event.link);
        this.log.record(now, kind, event.link, `bandwidth-factor=${starting ? event.bandwidthFactor : 1}`);
        link?.setFactor(starting ? event.bandwidthFactor : 1);
        break;
      }
      case 'throttle': {
        this.log.record(now, kind, event.replication, `cache-throughput=${starting ? event.cacheThroughputBytesPerS : 'policy'}`);
        this.a2a.find((r) => r.spec.id === event.replication)?.setCacheThroughput(starting ? event.cacheThroughputBytesPerS : null);
        break;
      }
      case 'outage': {
        const t = event.target;
        const subject = t.kind === 'vault' ? 'vault' : t.kind === 'vmm' ? `${t.site}/vmm` : t.id;
        this.log.record(now, starting ? 'outage' : 'outage-end', subject, t.kind);
        if (t.kind === 'site') {
          for (const v of this.vms) if (v.vm.site === t.id) this.setVmDown(v, starting);
          for (const l of this.links) if (l.link.between.includes(t.id)) l.setDown(starting);
          for (const r of this.a2a) if (r.spec.from === t.id || r.spec.to === t.id) r.setRegionUp(t.id, !starting);
          for (const r of this.hyperv) if (r.spec.from === t.id || r.spec.to === t.id) r.setSiteUp(t.id, !starting);
        } else if (t.kind === 'link') {
          this.links.find((l) => l.id === t.id)?.setDown(starting);
          for (const r of this.hyperv) r.connectivityChanged();
        } else if (t.kind === 'vm') {
          const v = this.vmById.get(t.id);
          if (v) this.setVmDown(v, starting);
        }
        // VMM server and vault outages stop orchestration only: replication goes on (model.md § 1).
        break;
      }
      default:
        break;
    }
  }

  private setVmDown(v: VmModel, down: boolean): void {
    v.downCount += down ? 1 : -1;
    for (const d of v.disks) d.setRunning(v.downCount === 0);
  }
}
