// Retention pruning of a scope's available points: the incremental single-tier path gives
// exactly what the plain rule gives (every point looked at on every prune), for random
// sequences of points, prunes and rules (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel';
import { azurePruningRule, RecoveryPointScope, type Consistency, type PruningRule, type RecoveryPoint } from '../../src/model/recovery-points';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The rule as model.md states it, over all points, with no memory of earlier prunes. */
function plainPrune(points: RecoveryPoint[], rule: PruningRule, now: number): RecoveryPoint[] {
  const out: RecoveryPoint[] = [];
  let last: { tier: number; bucket: number } | null = null;
  points.forEach((p, i) => {
    const age = now - p.timeMs;
    if (age <= rule.allWithinMs || i === points.length - 1) {
      out.push(p);
      last = null;
      return;
    }
    const tier = rule.tiers.findIndex((t) => age <= t.untilAgeMs);
    if (tier < 0) return;
    const bucket = Math.floor(p.timeMs / rule.tiers[tier].bucketMs);
    if (last && last.tier === tier && last.bucket === bucket) {
      if (p.consistency === 'app' && out[out.length - 1].consistency !== 'app') out[out.length - 1] = p;
      return;
    }
    last = { tier, bucket };
    out.push(p);
  });
  return out;
}

const step = (gapMs: fc.Arbitrary<number>) => fc.record({ gapMs, app: fc.boolean(), pruneAfter: fc.boolean() });
// Any gaps, or whole 5-minute steps only (points and prunes then fall exactly on bucket and age boundaries).
const stepsArb = fc.oneof(
  fc.array(step(fc.integer({ min: 1, max: 40 * MIN })), { minLength: 1, maxLength: 300 }),
  fc.array(step(fc.constantFrom(5 * MIN, 10 * MIN, 30 * MIN, HOUR)), { minLength: 1, maxLength: 300 }),
);

describe('RecoveryPointScope.prune', () => {
  it('prunes incrementally exactly as the plain rule does, over random points and prune times', () => {
    const rules = [
      azurePruningRule(HOUR),
      azurePruningRule(6 * HOUR),
      azurePruningRule(24 * HOUR),
      azurePruningRule(3 * 24 * HOUR),
      azurePruningRule(10 * 24 * HOUR), // two tiers: always the plain pass
      { allWithinMs: 0, tiers: [{ untilAgeMs: 3 * HOUR, bucketMs: HOUR }] }, // Hyper-V, 3 additional points
    ];
    fc.assert(
      fc.property(fc.constantFrom(...rules), stepsArb, (rule, steps) => {
        const sim = new Simulator();
        const scope = new RecoveryPointScope(sim, 'vm', [], 0);
        let expected: RecoveryPoint[] = [];
        for (const step of steps) {
          sim.run({ untilMs: sim.now + step.gapMs });
          const consistency: Consistency = step.app ? 'app' : 'crash';
          const point = { timeMs: sim.now, consistency, availableAtMs: sim.now };
          scope.addAvailable(point);
          expected.push(point);
          if (step.pruneAfter) {
            scope.prune(rule);
            expected = plainPrune(expected, rule, sim.now);
            expect(scope.available).toEqual(expected);
          }
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('a cleared scope starts afresh', () => {
    const sim = new Simulator();
    const scope = new RecoveryPointScope(sim, 'vm', [], 0);
    const rule = azurePruningRule(24 * HOUR);
    for (let k = 1; k <= 100; k++) {
      sim.run({ untilMs: k * 5 * MIN });
      scope.addAvailable({ timeMs: sim.now, consistency: 'crash', availableAtMs: sim.now });
      if (k % 12 === 0) scope.prune(rule);
    }
    scope.clear();
    sim.run({ untilMs: sim.now + 3 * HOUR });
    scope.addAvailable({ timeMs: sim.now, consistency: 'crash', availableAtMs: sim.now });
    scope.prune(rule);
    expect(scope.available.map((p) => p.timeMs)).toEqual([sim.now]);
  });
});
