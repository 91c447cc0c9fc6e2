// A VM's upload path into the cache account: its disks share the per-VM churn limit, and the
// VM takes its fair share of the cache account's throughput (a two-level fair share).
import type { Simulator } from '../kernel';
import { SharedCapacity, type CapacityFlow } from './shared-capacity';

export class VmUpload implements CapacityFlow {
  /** The capacity the VM's disks share: min(per-VM limit, the VM's share of the cache). */
  readonly disks: SharedCapacity;
  private lastDemand = 0;

  constructor(
    sim: Simulator,
    private readonly cache: SharedCapacity,
    private readonly limitBytesPerS: number,
    name: string,
  ) {
    this.disks = new SharedCapacity(sim, 0, name);
    this.disks.onRecompute = () => {
      const demand = this.demandBytesPerS();
      if (demand !== this.lastDemand) {
        this.lastDemand = demand;
        this.cache.markDirty(this);
      }
    };
    cache.add(this);
  }

  demandBytesPerS(): number {
    return Math.min(this.limitBytesPerS, this.disks.demandedBytesPerS);
  }

  grant(rateBytesPerS: number): void {
    this.disks.capacityBytesPerS = Math.min(this.limitBytesPerS, rateBytesPerS);
  }
}
