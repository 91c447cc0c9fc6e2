import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PendingPoints } from '../../src/model/pending-points';
import type { Consistency } from '../../src/model/recovery-points';

interface ModelPoint {
  timeMs: number;
  consistency: Consistency;
  targets: number[];
}

type Op = { push: number; app: boolean } | 'shift' | 'clear' | 'markLastApp';

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ push: fc.integer({ min: 1, max: 90 }), app: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant('shift' as const), weight: 3 },
  { arbitrary: fc.constant('clear' as const), weight: 1 },
  { arbitrary: fc.constant('markLastApp' as const), weight: 1 },
);

describe('PendingPoints', () => {
  it('holds points oldest first, with their consistency and every disk target, through growth, wrap-around and clears', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 120 }), (disks, ops) => {
        const ring = new PendingPoints(disks);
        let model: ModelPoint[] = [];
        let time = 0;
        for (const o of ops) {
          if (o === 'shift') {
            ring.shift();
            model.shift();
          } else if (o === 'clear') {
            ring.clear();
            model = [];
          } else if (o === 'markLastApp') {
            if (model.length === 0) continue;
            ring.markLastApp();
            model[model.length - 1].consistency = 'app';
          } else {
            // A run of pushes, each with distinct targets, then most of them taken from the front.
            for (let k = 0; k < o.push; k++) {
              time += 1 + k;
              const consistency: Consistency = o.app && k % 2 === 0 ? 'app' : 'crash';
              const targets = Array.from({ length: disks }, (_, i) => time * 10 + i + 0.5);
              ring.push(time, consistency);
              targets.forEach((bytes, i) => ring.setLastTarget(i, bytes));
              model.push({ timeMs: time, consistency, targets });
            }
            for (let k = 0; k < Math.floor(o.push / 2); k++) {
              ring.shift();
              model.shift();
            }
          }
          expect(ring.size).toBe(model.length);
          if (model.length > 0) {
            const first = model[0];
            const last = model[model.length - 1];
            expect(ring.firstTimeMs).toBe(first.timeMs);
            expect(ring.firstConsistency).toBe(first.consistency);
            expect(Array.from({ length: disks }, (_, i) => ring.firstTarget(i))).toEqual(first.targets);
            expect(ring.lastTimeMs).toBe(last.timeMs);
            expect(ring.lastConsistency).toBe(last.consistency);
          }
        }
      }),
    );
  });

  it('a ring emptied after a long backlog lets its storage go; a short one keeps it', () => {
    const ring = new PendingPoints(2);
    for (let t = 1; t <= 160; t++) ring.push(t, 'crash');
    expect(ring.capacityPoints).toBe(256);
    while (ring.size > 0) ring.shift();
    expect(ring.capacityPoints).toBe(2);
    for (let t = 1; t <= 20; t++) ring.push(t, t === 2 ? 'app' : 'crash');
    expect(ring.capacityPoints).toBe(32);
    while (ring.size > 0) ring.shift();
    expect(ring.capacityPoints).toBe(32);
    ring.push(300, 'crash');
    expect(ring.firstTimeMs).toBe(300);
    expect(ring.firstConsistency).toBe('crash');
  });

  it('shifting an empty ring does nothing; a new point starts with targets 0, not those of the place it reuses', () => {
    const ring = new PendingPoints(1);
    ring.shift();
    expect(ring.size).toBe(0);
    ring.push(5, 'app');
    ring.setLastTarget(0, 42);
    expect(ring.firstTarget(0)).toBe(42);
    expect(ring.firstConsistency).toBe('app');
    ring.shift();
    ring.push(6, 'crash');
    expect(ring.firstTarget(0)).toBe(0);
  });
});
