// Seeded random streams, one per (scenario seed, entity id, purpose), so adding an entity
// never changes another's draws (common random numbers across what-if runs).
import { cos, exp, log, sin } from './portable-math';
import seedrandom from 'seedrandom';

export class RandomStream {
  private readonly next: () => number;
  private spareNormal = NaN;
  private lognormalCv = NaN;
  private lognormalSigma2 = 0;
  private lognormalSigma = 0;

  constructor(readonly key: string) {
    this.next = seedrandom.alea(key);
  }

  /** A stream for `seed`, `entity` and `purpose` (e.g. 42, "sql/data", "churn-jitter"). */
  static for(seed: number, entity: string, purpose: string): RandomStream {
    return new RandomStream(`drsim|${seed}|${entity}|${purpose}`);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform on [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** Standard normal (Box–Muller, the second variate kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    const u1 = 1 - this.next();
    const u2 = this.next();
    const r = Math.sqrt(-2 * log(u1));
    this.spareNormal = r * sin(2 * Math.PI * u2);
    return r * cos(2 * Math.PI * u2);
  }

  /** Lognormal with mean 1 and coefficient of variation `cv` (1 when cv is 0). */
  lognormalFactor(cv: number): number {
    if (cv <= 0) return 1;
    if (cv !== this.lognormalCv) {
      // A stream draws with one cv in practice: its σ² and σ are worked out once.
      this.lognormalCv = cv;
      this.lognormalSigma2 = log(1 + cv * cv);
      this.lognormalSigma = Math.sqrt(this.lognormalSigma2);
    }
    return exp(-this.lognormalSigma2 / 2 + this.lognormalSigma * this.normal());
  }
}
