// A disk's churn profile as a sequence of piecewise-constant rates: `rateAt0` then
// `nextChange()` gives each later (time, rate) in order. Seeded; never reads a clock.
import { acos, cos, sin, type RandomStream } from '../kernel';
import type { ChurnProfile } from '../scenario';

const DAY_MS = 86_400_000;

export interface RateChange {
  atMs: number;
  rateBytesPerS: number;
}

export interface ChurnSchedule {
  /** The rate from time 0. */
  readonly rateAt0: number;
  /**
   * The next change after the previous one (atMs strictly increasing), or null when the rate
   * never changes again. The object is the schedule's own, filled in anew by the next call
   * (a fleet's disks step every 5 minutes for a month): read it at once.
   */
  nextChange(): RateChange | null;
}

/**
 * The diurnal wave's offset c and amplitude a so that max(0, c + a·cos θ) has the given mean
 * and maximum. When peak ≤ 2·mean it is a plain sine (c = mean); above that the wave is
 * clipped at zero (quiet nights) and c is solved so the daily mean is still `mean`.
 */
export function diurnalShape(mean: number, peak: number): { offset: number; amplitude: number } {
  if (peak <= 2 * mean) return { offset: mean, amplitude: peak - mean };
  if (mean <= 0) return { offset: 0, amplitude: 0 };
  // The solve costs thousands of portable cosines, and a fleet's disks mostly share a profile.
  const key = `${mean}/${peak}`;
  const known = clippedShapes.get(key);
  if (known) return { ...known };
  const shape = solveClippedShape(mean, peak);
  if (clippedShapes.size < CLIPPED_SHAPES_KEPT) clippedShapes.set(key, shape);
  return { ...shape };
}

/** Clipped shapes solved so far, by `mean/peak` (a pure function of the two: any run may reuse them). */
const clippedShapes = new Map<string, { offset: number; amplitude: number }>();
const CLIPPED_SHAPES_KEPT = 4096;

function solveClippedShape(mean: number, peak: number): { offset: number; amplitude: number } {
  // mean(c) = (c·α + a·sin α)/π with a = peak − c and α = acos(−c/a); increasing in c.
  const meanOf = (c: number) => {
    const a = peak - c;
    const alpha = acos(Math.max(-1, Math.min(1, -c / a)));
    return (c * alpha + a * sin(alpha)) / Math.PI;
  };
  let lo = -peak;
  let hi = mean;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (meanOf(mid) < mean) lo = mid;
    else hi = mid;
  }
  const offset = (lo + hi) / 2;
  return { offset, amplitude: peak - offset };
}

/**
 * Steps of fixed length: step i's rate is `daily[i mod daily.length]` (a periodic profile,
 * the table filled in as the steps first reach each entry) or else `rateOfStep(i)`, times a
 * lognormal jitter. Equal consecutive rates make no change. A class of plain fields, not
 * closures over closures: a fleet's thousand schedules are each read once every 5 minutes,
 * cold, so fewer objects to reach means fewer cache misses.
 */
class SteppedSchedule implements ChurnSchedule {
  readonly rateAt0: number;
  private step = 0;
  private current: number;
  private readonly change: RateChange = { atMs: 0, rateBytesPerS: 0 };

  constructor(
    private readonly stepMs: number,
    /** One period of the profile's rates by step (NaN until worked out), or null to use `rateOfStep`. */
    private readonly daily: Float64Array | null,
    private readonly rateOfStep: (i: number) => number,
    private readonly jitter: number,
    private readonly rng: RandomStream,
  ) {
    this.current = this.rateAt(0);
    this.rateAt0 = this.current;
  }

  private rateAt(i: number): number {
    let base: number;
    const daily = this.daily;
    if (daily === null) base = this.rateOfStep(i);
    else {
      const k = i % daily.length;
      base = daily[k];
      if (Number.isNaN(base)) base = daily[k] = this.rateOfStep(k);
    }
    return base * this.rng.lognormalFactor(this.jitter);
  }

  nextChange(): RateChange | null {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const step = ++this.step;
      const rate = this.rateAt(step);
      if (rate !== this.current) {
        this.current = rate;
        this.change.atMs = step * this.stepMs;
        this.change.rateBytesPerS = rate;
        return this.change;
      }
    }
    return null;
  }
}

export function churnSchedule(profile: ChurnProfile, rng: RandomStream): ChurnSchedule {
  switch (profile.profile) {
    case 'constant':
      if (profile.jitter <= 0 || profile.stepMs <= 0) return { rateAt0: profile.rateBytesPerS, nextChange: () => null };
      return new SteppedSchedule(profile.stepMs, null, () => profile.rateBytesPerS, profile.jitter, rng);
    case 'diurnal': {
      const { offset, amplitude } = diurnalShape(profile.meanBytesPerS, profile.peakBytesPerS);
      const waveAt = (timeOfDayMs: number) => {
        const rate = offset + amplitude * cos((2 * Math.PI * (timeOfDayMs - profile.peakAtMs)) / DAY_MS);
        return rate > 0 ? rate : 0;
      };
      // The wave repeats every day: when the steps divide the day, each step of the day is worked out once.
      const stepsPerDay = DAY_MS / profile.stepMs;
      const daily = Number.isInteger(stepsPerDay) && stepsPerDay <= 100_000 ? new Float64Array(stepsPerDay).fill(NaN) : null;
      // With the table, the steps asked are those of the first day (k < stepsPerDay).
      const rateOfStep = (i: number) => waveAt((i * profile.stepMs) % DAY_MS);
      if (amplitude === 0 && profile.jitter <= 0) return { rateAt0: rateOfStep(0), nextChange: () => null };
      return new SteppedSchedule(profile.stepMs, daily, rateOfStep, profile.jitter, rng);
    }
    case 'bursty': {
      // Alternating phases: quiet for Exp(every), then a burst for Exp(lasting); at least 1 ms each.
      let atMs = 0;
      let inBurst = false;
      const phaseLength = () => Math.max(1, Math.round(rng.exponential(inBurst ? profile.lastingMs : profile.everyMs)));
      const rateOf = () => (inBurst ? profile.burstBytesPerS : profile.baseBytesPerS) * rng.lognormalFactor(profile.jitter);
      const rateAt0 = rateOf();
      const change: RateChange = { atMs: 0, rateBytesPerS: 0 };
      return {
        rateAt0,
        nextChange() {
          atMs += phaseLength();
          inBurst = !inBurst;
          change.atMs = atMs;
          change.rateBytesPerS = rateOf();
          return change;
        },
      };
    }
    case 'trace': {
      const { startsMs, ratesBytesPerS, periodMs } = profile;
      const rows = startsMs.length;
      let row = 0;
      let cycle = 0;
      const rateOfRow = (r: number) => ratesBytesPerS[r] * rng.lognormalFactor(profile.jitter);
      let current = rateOfRow(0);
      const change: RateChange = { atMs: 0, rateBytesPerS: 0 };
      return {
        rateAt0: current,
        nextChange() {
          for (let guard = 0; guard <= rows; guard++) {
            row++;
            if (row === rows) {
              row = 0;
              cycle++;
            }
            const rate = rateOfRow(row);
            if (rate !== current || profile.jitter > 0) {
              current = rate;
              change.atMs = cycle * periodMs + startsMs[row];
              change.rateBytesPerS = rate;
              return change;
            }
          }
          return null;
        },
      };
    }
  }
}
