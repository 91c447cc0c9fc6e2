import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fifo } from '../../src/model/fifo';

describe('Fifo', () => {
  it('gives items back in the order they came, through backlogs long enough to be moved to the front', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('shift'), fc.constant('clear'), fc.integer({ min: 1, max: 300 })), { maxLength: 200 }), (ops) => {
        const fifo = new Fifo<number>();
        let model: number[] = [];
        let next = 0;
        for (const op of ops) {
          if (op === 'shift') expect(fifo.shift()).toBe(model.shift());
          else if (op === 'clear') {
            fifo.clear();
            model = [];
          } else {
            for (let k = 0; k < op; k++) {
              fifo.push(next);
              model.push(next++);
            }
            // Drain most of a long backlog from the front.
            for (let k = 0; k < Math.floor((op * 3) / 4); k++) expect(fifo.shift()).toBe(model.shift());
          }
          expect(fifo.size).toBe(model.length);
          expect(fifo.first).toBe(model[0]);
        }
      }),
    );
  });

  it('an empty queue has no first item and shifts nothing', () => {
    const fifo = new Fifo<string>();
    expect(fifo.first).toBeUndefined();
    expect(fifo.shift()).toBeUndefined();
    fifo.push('a');
    expect(fifo.shift()).toBe('a');
    expect(fifo.shift()).toBeUndefined();
    expect(fifo.size).toBe(0);
  });
});

describe('Fifo memory', () => {
  it('an emptied queue lets the array of a long backlog go, and keeps a short one', () => {
    const fifo = new Fifo<object>();
    const itemsOf = (f: Fifo<object>) => (f as unknown as { items: object[] }).items.length;
    for (let i = 0; i < 160; i++) fifo.push({ i });
    while (fifo.size > 0) fifo.shift();
    expect(itemsOf(fifo)).toBe(0);
    fifo.push({ i: 1 });
    fifo.push({ i: 2 });
    fifo.shift();
    fifo.shift();
    expect(itemsOf(fifo)).toBe(2);
    fifo.push({ i: 3 });
    expect(fifo.first).toEqual({ i: 3 });
  });
});
