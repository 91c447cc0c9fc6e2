// Specification of fractions: `parseFraction` reads 0..1 numbers, numeric strings and percentages
// and refuses anything out of range; `formatPercent` writes a fraction as a percentage.
import { describe, it, expect } from 'vitest';
import { formatPercent, parseFraction } from '../../src/units';
import { unitErrorOf } from './unit-error-of';

const EXPECTED = 'a fraction from 0 to 1 or a percentage from 0% to 100%, e.g. 0.6 or "60%"';

describe('parseFraction', () => {
  it.each<[unknown, number]>([
    [0.6, 0.6],
    ['60%', 0.6],
  ])('reads the spec example %j as %d', (input, value) => {
    expect(parseFraction(input)).toBe(value);
  });

  it.each<[unknown, number]>([
    [0, 0],
    [1, 1],
    [0.25, 0.25],
    [1e-9, 1e-9],
    ['0.6', 0.6],
    ['0', 0],
    ['1', 1],
    ['1.0', 1],
    ['0%', 0],
    ['7%', 0.07],
    ['12.5%', 0.125],
    ['33.3%', 0.333],
    ['100%', 1],
    ['100.0%', 1],
    [' 60% ', 0.6],
  ])('reads numbers, numeric strings and percentages in range: %j = %d', (input, value) => {
    expect(parseFraction(input)).toBe(value);
  });

  it('reads -0 as 0', () => {
    expect(Object.is(parseFraction(-0), 0)).toBe(true);
  });

  it.each<[unknown, string]>([
    [1.5, '1.5'],
    [-0.1, '-0.1'],
    [60, '60'],
    ['60', '"60"'],
    ['1.01', '"1.01"'],
    ['-0.1', '"-0.1"'],
    ['101%', '"101%"'],
    ['-5%', '"-5%"'],
    ['60 %', '"60 %"'],
    ['60%%', '"60%%"'],
    ['sixty', '"sixty"'],
    ['', '""'],
    ['1e-1', '"1e-1"'],
    ['.5', '".5"'],
    ['0.6.1', '"0.6.1"'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, 'null'],
    [true, 'true'],
    [{ percent: 60 }, 'a mapping'],
  ])('refuses %j, saying the range (found %s)', (input, found) => {
    const error = unitErrorOf(() => parseFraction(input));
    expect(error.found).toBe(found);
    expect(error.expected).toBe(EXPECTED);
  });
});

describe('formatPercent', () => {
  it.each<[number, number | undefined, string]>([
    [0.6, undefined, '60.0%'],
    [0, undefined, '0.0%'],
    [1, undefined, '100.0%'],
    [0.125, 2, '12.50%'],
    [0.3333, 0, '33%'],
    [1.5, undefined, '150.0%'],
    [-0.0001, undefined, '0.0%'],
    [-0.25, undefined, '-25.0%'],
  ])('writes %d with %s decimals as %s', (fraction, digits, text) => {
    expect(digits === undefined ? formatPercent(fraction) : formatPercent(fraction, digits)).toBe(text);
  });

  it('refuses NaN with a RangeError', () => {
    expect(() => formatPercent(Number.NaN)).toThrow(RangeError);
  });

  it('writes percentages that parseFraction reads back', () => {
    for (const fraction of [0, 0.05, 0.125, 0.6, 1]) expect(parseFraction(formatPercent(fraction, 3))).toBe(fraction);
  });
});
