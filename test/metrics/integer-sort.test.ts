import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allUint32, sortUint32 } from '../../src/metrics/integer-sort';

const native = (values: number[]) => [...values].sort((a, b) => a - b);

describe('sortUint32: counting passes over whole numbers below 2^32', () => {
  it('sorts as a comparison sort does, small arrays and large, values below 2^16 and above', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 9000 }), fc.boolean(), (values, small) => {
        const input = small ? values.map((v) => v & 0xffff) : values;
        expect([...sortUint32(Uint32Array.from(input))]).toEqual(native(input));
      }),
      { numRuns: 40 },
    );
  });

  it('takes the counting passes above the native threshold (duplicates, extremes, sorted and reversed input)', () => {
    const n = 20_000;
    const cases = [
      Array.from({ length: n }, (_, i) => (i * 2_654_435_761) % 2 ** 32),
      Array.from({ length: n }, (_, i) => 30_000 + (i % 7)),
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 0xffffffff)),
      // RPOs up to a two-hour outage (23 bits: two passes of 12), and up to 2^24 exactly.
      Array.from({ length: n }, (_, i) => (i * 7919) % 7_200_000),
      Array.from({ length: n }, (_, i) => (i === 5 ? 2 ** 24 - 1 : (i * 104_729) % 2 ** 24)),
      Array.from({ length: n }, (_, i) => (i === 7 ? 2 ** 24 : (i * 104_729) % 2 ** 24)),
    ];
    for (const values of cases) expect([...sortUint32(Uint32Array.from(values))]).toEqual(native(values));
  });

  it('allUint32 accepts only whole numbers in [0, 2^32)', () => {
    expect(allUint32([0, 1, 0xffffffff], 3)).toBe(true);
    for (const bad of [-1, 0.5, 2 ** 32, NaN, Infinity]) expect(allUint32([1, bad], 2)).toBe(false);
    expect(allUint32([1, -1], 1)).toBe(true); // only the first n count
  });
});
