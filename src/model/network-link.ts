// A network path between two sites: a bandwidth in each direction (two shared capacities),
// a one-way latency, `degrade` factors and outages, and its utilisation statistics.
import type { Simulator } from '../kernel';
import type { Link } from '../scenario';
import { SharedCapacity } from './shared-capacity';

interface DirectionStats {
  sentBytes: number;
  lastMs: number;
  peakUtilization: number;
  saturatedMs: number;
}

export class NetworkLink {
  /** Capacity from `link.between[0]` to `link.between[1]`, and back. */
  readonly forward: SharedCapacity;
  readonly backward: SharedCapacity;
  private factor = 1;
  private outages = 0;
  private readonly stats: [DirectionStats, DirectionStats];

  constructor(
    readonly link: Link,
    private readonly sim: Simulator,
  ) {
    this.forward = new SharedCapacity(sim, link.bandwidthBytesPerS, `${link.id}>`);
    this.backward = new SharedCapacity(sim, link.bandwidthBytesPerS, `${link.id}<`);
    this.stats = [this.newStats(), this.newStats()];
    this.forward.onRecompute = (now, before) => this.account(0, this.forward, now, before);
    this.backward.onRecompute = (now, before) => this.account(1, this.backward, now, before);
  }

  get id(): string {
    return this.link.id;
  }

  get latencyMs(): number {
    return this.link.latencyMs;
  }

  get up(): boolean {
    return this.outages === 0;
  }

  /** The capacity carrying data from `siteId` across the link. */
  from(siteId: string): SharedCapacity {
    return siteId === this.link.between[0] ? this.forward : this.backward;
  }

  connects(a: string, b: string): boolean {
    const [x, y] = this.link.between;
    return (a === x && b === y) || (a === y && b === x);
  }

  /** `degrade`: multiplies the nominal bandwidth (1 restores it). */
  setFactor(factor: number): void {
    this.factor = factor;
    this.updateCapacity();
  }

  /** Outages nest: the link is up again when every outage that cut it has ended. */
  setDown(down: boolean): void {
    this.outages += down ? 1 : -1;
    this.updateCapacity();
  }

  private updateCapacity(): void {
    const capacity = this.outages > 0 ? 0 : this.link.bandwidthBytesPerS * this.factor;
    this.forward.capacityBytesPerS = capacity;
    this.backward.capacityBytesPerS = capacity;
  }

  private newStats(): DirectionStats {
    return { sentBytes: 0, lastMs: this.sim.now, peakUtilization: 0, saturatedMs: 0 };
  }

  private saturatedSince: [number, number] = [-1, -1];

  private account(dir: 0 | 1, cap: SharedCapacity, now: number, grantedBefore: number): void {
    const s = this.stats[dir];
    s.sentBytes += (grantedBefore * (now - s.lastMs)) / 1000;
    s.lastMs = now;
    const nominal = this.link.bandwidthBytesPerS;
    if (nominal > 0) s.peakUtilization = Math.max(s.peakUtilization, cap.grantedBytesPerS / nominal);
    const saturated = cap.demandedBytesPerS > cap.capacityBytesPerS * (1 + 1e-9) && cap.demandedBytesPerS > 0;
    if (saturated && this.saturatedSince[dir] < 0) this.saturatedSince[dir] = now;
    if (!saturated && this.saturatedSince[dir] >= 0) {
      s.saturatedMs += now - this.saturatedSince[dir];
      this.saturatedSince[dir] = -1;
    }
  }

  /** Brings both directions' rate statistics up to now (before reading their fields). */
  settle(): void {
    this.forward.settle();
    this.backward.settle();
  }

  /** Statistics up to `nowMs`, over both directions (utilisation of the busier one). */
  summary(nowMs: number): { sentBytes: number; utilizationPct: number; peakUtilizationPct: number; saturatedMs: number } {
    this.settle();
    let sent = 0;
    let busiest = 0;
    let peak = 0;
    let saturated = 0;
    ([this.forward, this.backward] as const).forEach((cap, dir) => {
      const s = this.stats[dir];
      const dirSent = s.sentBytes + (cap.grantedBytesPerS * (nowMs - s.lastMs)) / 1000 - cap.unusedGrantBytes;
      sent += dirSent;
      busiest = Math.max(busiest, dirSent);
      peak = Math.max(peak, s.peakUtilization);
      saturated = Math.max(saturated, s.saturatedMs + (this.saturatedSince[dir] >= 0 ? nowMs - this.saturatedSince[dir] : 0));
    });
    const possible = (this.link.bandwidthBytesPerS * nowMs) / 1000;
    return {
      sentBytes: Math.round(sent),
      utilizationPct: possible > 0 ? (100 * busiest) / possible : 0,
      peakUtilizationPct: 100 * peak,
      saturatedMs: saturated,
    };
  }
}
