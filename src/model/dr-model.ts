// The disaster-recovery model built from a scenario: VMs and their disks' churn, network
// links, the replications between sites, and the timeline's faults, on the kernel.
import type { EventLog, Simulator } from '../kernel';
import type { Scenario, ScenarioEvent, Vm } from '../scenario';
import { A2aReplication } from './a2a-replication';
import { DiskChurn } from './disk-churn';
import { HyperVReplica } from './hyperv-replica';
import { NO_OBSERVER, type ModelObserver } from './model-observer';
import { NetworkLink } from './network-link';
import { Orchestrator, type OrchestrationContext } from './orchestrator';
import type { ProtectionState } from './protection-state';

export type { ProtectionState };

export interface VmModel {
  readonly vm: Vm;
  readonly disks: DiskChurn[];
  /** Outages of the VM itself in force. */
  downCount: number;
  /** The site the VM runs in now (its target after a failover). */
  site: string;
  /** False while it is shut down for a failover and not yet booted on the other side. */
  booted: boolean;
  /** Whether it is writing now, and when it last stopped (outage, shutdown), ms. */
  running: boolean;
  stoppedAtMs: number | null;
}

export class DrModel implements OrchestrationContext {
  readonly vms: VmModel[];
  readonly disks: DiskChurn[];
  readonly links: NetworkLink[];
  readonly a2a: A2aReplication[] = [];
  readonly hyperv: HyperVReplica[] = [];
  /** Failovers, commits, reprotects …: the jobs of the run. */
  readonly orchestrator: Orchestrator;
  private readonly diskByKey: Map<string, DiskChurn>;
  /** Outages in force per site, per site's VMM server, and of the vault. */
  private readonly siteOutages = new Map<string, number>();
  private readonly vmmOutages = new Map<string, number>();
  private vaultOutages = 0;
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
      site: vm.site,
      booted: true,
      running: true,
      stoppedAtMs: null,
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
        const hostsOf = (id: string) => scenario.sites.find((site) => site.id === id)?.hosts ?? 1;
        this.hyperv.push(new HyperVReplica(r, { sim, log, observer, link, churnOf, vm: vmOf, targetHosts: hostsOf(r.to), sourceHosts: hostsOf(r.from) }));
      }
    }
    this.orchestrator = new Orchestrator(this);
  }

  vmModel(id: string): VmModel | undefined {
    return this.vmById.get(id);
  }

  isSiteUp(site: string): boolean {
    return (this.siteOutages.get(site) ?? 0) === 0;
  }

  isVmmUp(site: string): boolean {
    return (this.vmmOutages.get(site) ?? 0) === 0;
  }

  get vaultUp(): boolean {
    return this.vaultOutages === 0;
  }

  /** Moves a VM to the site it now runs in (failover) and shuts it down or boots it. */
  placeVm(id: string, site: string, booted: boolean): void {
    const v = this.vmById.get(id);
    if (!v) return;
    v.site = site;
    v.booted = booted;
    this.updateRunning(v);
  }

  vmRunning(id: string): { running: boolean; stoppedAtMs: number | null; site: string } {
    const v = this.vmById.get(id)!;
    return { running: v.running, stoppedAtMs: v.stoppedAtMs, site: v.site };
  }

  writtenBytesAt(id: string, timeMs: number): number {
    return this.vmById.get(id)!.disks.reduce((sum, d) => sum + d.written.valueAt(timeMs), 0);
  }

  diskWrittenAt(id: string, disk: number, timeMs: number): number {
    return this.vmById.get(id)!.disks[disk].written.valueAt(timeMs);
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
    this.orchestrator.start();
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
          this.siteOutages.set(t.id, (this.siteOutages.get(t.id) ?? 0) + (starting ? 1 : -1));
          for (const v of this.vms) if (v.site === t.id) this.updateRunning(v);
          for (const l of this.links) if (l.link.between.includes(t.id)) l.setDown(starting);
          for (const r of this.a2a) if (r.spec.from === t.id || r.spec.to === t.id) r.setRegionUp(t.id, !starting);
          for (const r of this.hyperv) if (r.spec.from === t.id || r.spec.to === t.id) r.setSiteUp(t.id, !starting);
        } else if (t.kind === 'link') {
          this.links.find((l) => l.id === t.id)?.setDown(starting);
          for (const r of this.hyperv) r.connectivityChanged();
        } else if (t.kind === 'vm') {
          const v = this.vmById.get(t.id);
          if (v) {
            v.downCount += starting ? 1 : -1;
            this.updateRunning(v);
          }
        } else if (t.kind === 'vmm') {
          // VMM server and vault outages stop orchestration only: replication goes on (model.md § 1).
          this.vmmOutages.set(t.site, (this.vmmOutages.get(t.site) ?? 0) + (starting ? 1 : -1));
        } else {
          this.vaultOutages += starting ? 1 : -1;
        }
        break;
      }
      default:
        break;
    }
  }

  /** A VM writes while it is booted, not itself out, and its current site is up. */
  private updateRunning(v: VmModel): void {
    const running = v.booted && v.downCount === 0 && this.isSiteUp(v.site);
    if (running === v.running) return;
    v.running = running;
    if (!running) v.stoppedAtMs = this.sim.now;
    for (const d of v.disks) d.setRunning(running);
  }
}
