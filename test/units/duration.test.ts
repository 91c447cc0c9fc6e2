// Specification of durations: `parseDuration` reads the format's duration strings into integer
// milliseconds and refuses everything else; `formatDuration` round-trips; `formatDurationShort` is for tables.
import { describe, it, expect } from 'vitest';
import { formatDuration, formatDurationShort, parseDuration } from '../../src/units';
import { unitErrorOf } from './unit-error-of';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['4h', 14_400_000],
    ['2d', 172_800_000],
    ['1d6h30m', 109_800_000],
    ['1w', 604_800_000],
  ])('reads the spec example %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each<[string, number]>([
    ['2w3d', 1_468_800_000],
    ['1w1d1h1m1s1ms', 694_861_001],
    ['1s250ms', 1_250],
    ['1h5s', 3_605_000],
    ['2d30m', 174_600_000],
    ['90m', 5_400_000],
    ['0s', 0],
    ['0ms', 0],
    ['007s', 7_000],
  ])('reads compound durations in decreasing units: %s = %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each<[string, number]>([
    ['1.5h', 5_400_000],
    ['0.5s', 500],
    ['1.1s', 1_100],
    ['0.001s', 1],
    ['2.25d', 194_400_000],
    ['1.5d6h', 151_200_000],
    ['0.1m', 6_000],
  ])('reads decimals in a term exactly: %s = %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each<[string, number]>([
    ['1d 6h', 108_000_000],
    ['1h 30m 15s', 5_415_000],
    ['  5m  ', 300_000],
    ['\t4h\n', 14_400_000],
  ])('allows one space between terms and whitespace around: %j = %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads the largest duration that fits in a safe integer of milliseconds', () => {
    expect(parseDuration('104249991d8h59m991ms')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each<[unknown, string]>([
    [100, '100 what?'],
    ['100', '100 what?'],
    [' 2.5 ', '2.5 what?'],
    [0, '0 what?'],
    ['-100', '-100 what?'],
  ])('refuses the bare number %j: "what?"', (input, fragment) => {
    const error = unitErrorOf(() => parseDuration(input));
    expect(error.expected).toContain(fragment);
    expect(error.expected).toContain('a duration with a unit');
  });

  it.each<[unknown, string, string]>([
    ['5 minutes', '"5 minutes"', 'a duration such as "500ms", "30s", "5m", "4h" or "1d6h30m"'],
    ['5mins', '"5mins"', '(not "mins")'],
    ['5min', '"5min"', '(not "min")'],
    ['5M', '"5M"', 'lower-case units'],
    ['5H', '"5H"', 'lower-case units'],
    ['1h1h', '"1h1h"', 'each unit at most once, largest first'],
    ['5m1h', '"5m1h"', 'each unit at most once, largest first'],
    ['1s1m', '"1s1m"', 'each unit at most once, largest first'],
    ['500ms1s', '"500ms1s"', 'each unit at most once, largest first'],
    ['', '""', 'a duration such as'],
    ['   ', '"   "', 'a duration such as'],
    ['NaN', '"NaN"', 'a duration such as'],
    ['Infinity', '"Infinity"', 'a duration such as'],
    ['1e3s', '"1e3s"', 'without an exponent'],
    ['1E+3s', '"1E+3s"', 'without an exponent'],
    ['-5m', '"-5m"', 'zero or more'],
    ['-0s', '"-0s"', 'zero or more'],
    ['1h -5m', '"1h -5m"', 'zero or more'],
    ['1h30', '"1h30"', 'a unit on every term (30 what?), e.g. "1h30m"'],
    ['1d 6', '"1d 6"', 'a unit on every term (6 what?)'],
    ['1.5.3h', '"1.5.3h"', 'a duration such as'],
    ['+5m', '"+5m"', 'a duration such as'],
    ['1.5ms', '"1.5ms"', 'whole milliseconds'],
    ['0.0001s', '"0.0001s"', 'whole milliseconds'],
    ['5 m', '"5 m"', 'a duration such as'],
    ['1h  5m', '"1h  5m"', 'a duration such as'],
    ['.5h', '".5h"', 'a duration such as'],
    ['5.h', '"5.h"', 'a duration such as'],
    ['1h,5m', '"1h,5m"', 'a duration such as'],
    ['PT5M', '"PT5M"', 'a duration such as'],
    ['99999999999999999d', '"99999999999999999d"', 'under about 285,000 years'],
    [Number.NaN, 'NaN', 'a duration such as'],
    [Number.POSITIVE_INFINITY, 'Infinity', 'a duration such as'],
    [null, 'null', 'a duration such as'],
    [undefined, 'nothing', 'a duration such as'],
    [true, 'true', 'a duration such as'],
    [{ minutes: 5 }, 'a mapping', 'a duration such as'],
    [['5m'], 'a list of 1 item', 'a duration such as'],
  ])('refuses %j (found %s) expecting "…%s…"', (input, found, fragment) => {
    const error = unitErrorOf(() => parseDuration(input));
    expect(error.found).toBe(found);
    expect(error.expected).toContain(fragment);
    expect(error.message).toBe(`found ${found}, expected ${error.expected}`);
  });

  it('names the right units in the unknown-unit message', () => {
    expect(unitErrorOf(() => parseDuration('5mins')).message).toBe(
      'found "5mins", expected a duration with units ms, s, m, h, d or w (not "mins"), e.g. "5m" or "5h"',
    );
  });

  it('gives the "100 what?" message in full for a bare number', () => {
    expect(unitErrorOf(() => parseDuration(100)).message).toBe(
      'found 100, expected a duration with a unit (100 what?), e.g. "100ms", "100s" or "100m"',
    );
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [1, '1ms'],
    [500, '500ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [1_250, '1s250ms'],
    [30_000, '30s'],
    [60_000, '1m'],
    [300_000, '5m'],
    [3_605_000, '1h5s'],
    [14_400_000, '4h'],
    [86_400_000, '1d'],
    [109_800_000, '1d6h30m'],
    [172_800_000, '2d'],
    [604_800_000, '7d'],
    [694_861_001, '8d1h1m1s1ms'],
    [Number.MAX_SAFE_INTEGER, '104249991d8h59m991ms'],
  ])('writes %i ms canonically as %s (largest units, zero terms left out, no weeks)', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d with a RangeError', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });

  it('round-trips every duration from 0 to 2000 ms', () => {
    for (let ms = 0; ms <= 2000; ms++) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('round-trips durations composed of every combination of terms', () => {
    let checked = 0;
    for (const d of [0, 1, 2, 6, 7, 13, 365, 100_000])
      for (const h of [0, 1, 23])
        for (const m of [0, 1, 59])
          for (const s of [0, 1, 59])
            for (const ms of [0, 1, 999]) {
              const total = (((d * 24 + h) * 60 + m) * 60 + s) * 1000 + ms;
              expect(parseDuration(formatDuration(total))).toBe(total);
              checked++;
            }
    expect(checked).toBe(8 * 3 * 3 * 3 * 3);
  });

  it('round-trips a deterministic spread of large durations up to the safe-integer limit', () => {
    for (let k = 1; k <= 2000; k++) {
      const ms = (k * 2_654_435_761 * 1_048_573) % Number.MAX_SAFE_INTEGER;
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
    expect(parseDuration(formatDuration(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('formatDurationShort', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [0.4, '0s'],
    [1, '1ms'],
    [250, '250ms'],
    [999.4, '999ms'],
    [999.5, '1s'],
    [1_000, '1s'],
    [4_200, '4.2s'],
    [4_249, '4.2s'],
    [4_250, '4.3s'],
    [30_000, '30s'],
    [59_949, '59.9s'],
    [59_950, '1m'],
    [90_000, '1m 30s'],
    [330_000, '5m 30s'],
    [3_599_499, '59m 59s'],
    [86_380_000, '1d'],
    [86_369_000, '23h 59m'],
    [3_599_500, '1h'],
    [3_629_000, '1h'],
    [3_630_000, '1h 1m'],
    [5_400_000, '1h 30m'],
    [86_399_000, '1d'],
    [108_000_000, '1d 6h'],
    [109_740_000, '1d 6h'],
    [109_800_000, '1d 7h'],
    [172_800_000, '2d'],
    [604_800_000, '7d'],
    [1_738_800_000, '20d 3h'],
    [-5_000, '-5s'],
    [-0.3, '0s'],
    [-330_000, '-5m 30s'],
  ])('writes %d ms as %s (at most two terms, rounded to the smaller)', (ms, text) => {
    expect(formatDurationShort(ms)).toBe(text);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %d with a RangeError', (ms) => {
    expect(() => formatDurationShort(ms)).toThrow(RangeError);
  });

  it.each<[number, number]>([
    [250, 250],
    [4_200, 4_200],
    [330_000, 330_000],
    [109_740_000, 108_000_000],
    [1_738_800_000, 1_738_800_000],
  ])('writes text that parseDuration reads back: %i ms → %i ms', (ms, back) => {
    expect(parseDuration(formatDurationShort(ms))).toBe(back);
  });
});
