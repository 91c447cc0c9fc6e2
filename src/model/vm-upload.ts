// A VM's upload path into the cache account: its disks share the per-VM churn limit, and the
// VM takes its fair share of the cache account's throughput (a two-level fair share).
import type { Simulator } from '../kernel';
import { SharedCapacity, type CapacityFlow } from './shared-capacity';

export class VmUpload implements CapacityFlow {
  /** The capacity the VM's disks share: min(per-VM limit, the VM's share of the cache). */
  readonly disks: SharedCapacity;
  private lastDemand = 0;
  capacitySlot = -1;

  constructor(
    sim: Simulator,
    private readonly cache: SharedCapacity,
    private readonly limitBytesPerS: number,
    name: string,
  ) {
    this.disks = new SharedCapacity(sim, limitBytesPerS, name);
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

  /**
   * Granted all it asked, the VM is not held back by the cache: its disks share the per-VM
   * limit (so a disk's next small change need not wait for the cache). Granted less, the
   * cache's share caps them.
   */
  grant(rateBytesPerS: number): void {
    const uncapped = rateBytesPerS >= this.lastDemand;
    this.disks.capacityBytesPerS = uncapped ? this.limitBytesPerS : Math.min(this.limitBytesPerS, rateBytesPerS);
  }
}
