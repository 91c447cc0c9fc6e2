import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CycleWindow } from '../../src/model/cycle-window';

describe('CycleWindow: the cycles within the monitoring interval', () => {
  it('counts the cycles and the missed ones after the expired, as a plain list would (growth and wrap-around included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 50 }), fc.boolean(), fc.nat({ max: 400 })), { maxLength: 600 }),
        fc.integer({ min: 1, max: 4000 }),
        (steps, windowMs) => {
          const w = new CycleWindow();
          const list: { t: number; missed: boolean }[] = [];
          let t = 0;
          for (const [gap, missed, clearEvery] of steps) {
            t += gap;
            if (clearEvery === 0) {
              w.clear();
              list.length = 0;
            }
            w.push(t, missed);
            list.push({ t, missed });
            w.expire(t - windowMs);
            while (list.length > 0 && list[0].t <= t - windowMs) list.shift();
            expect(w.count).toBe(list.length);
            expect(w.missed).toBe(list.filter((c) => c.missed).length);
          }
        },
      ),
    );
  });
});
