// Specification of times of day: `parseTimeOfDay` reads "HH:MM" and "HH:MM:SS" strings into
// milliseconds after midnight and refuses numbers with a hint to quote; `formatTimeOfDay` writes them.
import { describe, it, expect } from 'vitest';
import { formatTimeOfDay, parseTimeOfDay } from '../../src/units';
import { unitErrorOf } from './unit-error-of';

describe('parseTimeOfDay', () => {
  it.each<[string, number]>([
    ['02:00', 7_200_000],
    ['13:30', 48_600_000],
  ])('reads the spec example %s as %i ms after midnight', (text, ms) => {
    expect(parseTimeOfDay(text)).toBe(ms);
  });

  it.each<[string, number]>([
    ['00:00', 0],
    ['2:00', 7_200_000],
    ['9:05', 32_700_000],
    ['23:59', 86_340_000],
    ['02:00:30', 7_230_000],
    ['23:59:59', 86_399_000],
    [' 06:15 ', 22_500_000],
  ])('reads %j as %i ms after midnight', (text, ms) => {
    expect(parseTimeOfDay(text)).toBe(ms);
  });

  it.each<[number]>([[120], [2], [7200]])('refuses the number %d with a hint to quote the time', (input) => {
    const error = unitErrorOf(() => parseTimeOfDay(input));
    expect(error.found).toBe(String(input));
    expect(error.expected).toContain('in quotes, e.g. "02:00"');
  });

  it.each<[unknown, string]>([
    ['24:00', '"24:00"'],
    ['12:60', '"12:60"'],
    ['12:00:60', '"12:00:60"'],
    ['2:5', '"2:5"'],
    ['002:00', '"002:00"'],
    ['12h30', '"12h30"'],
    ['12:30 PM', '"12:30 PM"'],
    ['-1:00', '"-1:00"'],
    ['12:30:00.5', '"12:30:00.5"'],
    ['noon', '"noon"'],
    ['', '""'],
    [null, 'null'],
    [{ hour: 2 }, 'a mapping'],
  ])('refuses %j (found %s), naming the format and range', (input, found) => {
    const error = unitErrorOf(() => parseTimeOfDay(input));
    expect(error.found).toBe(found);
    expect(error.expected).toBe('a time of day "HH:MM" from "00:00" to "23:59" (or "HH:MM:SS"), e.g. "02:00" or "13:30"');
  });
});

describe('formatTimeOfDay', () => {
  it.each<[number, string]>([
    [0, '00:00'],
    [7_200_000, '02:00'],
    [48_600_000, '13:30'],
    [7_230_000, '02:00:30'],
    [86_399_000, '23:59:59'],
    [86_399_999, '23:59:59'],
    [7_200_500, '02:00'],
  ])('writes %i ms as %s (seconds only when not zero, sub-seconds dropped)', (ms, text) => {
    expect(formatTimeOfDay(ms)).toBe(text);
  });

  it.each([-1, 86_400_000, Number.NaN])('refuses %d with a RangeError', (ms) => {
    expect(() => formatTimeOfDay(ms)).toThrow(RangeError);
  });

  it('round-trips every minute of the day and a spread of seconds', () => {
    for (let minute = 0; minute < 24 * 60; minute++) {
      expect(parseTimeOfDay(formatTimeOfDay(minute * 60_000))).toBe(minute * 60_000);
    }
    for (let second = 0; second < 86_400; second += 37) {
      expect(parseTimeOfDay(formatTimeOfDay(second * 1000))).toBe(second * 1000);
    }
  });
});
