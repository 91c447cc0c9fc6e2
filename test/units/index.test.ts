// Specification of the `src/units` entry point: it re-exports exactly the parsers, formatters
// and the error class of the unit modules.
import { describe, it, expect } from 'vitest';
import * as units from '../../src/units';
import { parseDuration } from '../../src/units/duration';
import { UnitError } from '../../src/units/unit-error';

describe('src/units index', () => {
  it('exports exactly the unit API', () => {
    expect(Object.keys(units).sort()).toEqual([
      'UnitError',
      'formatBitRate',
      'formatDuration',
      'formatDurationShort',
      'formatPercent',
      'formatRate',
      'formatSize',
      'formatTimeOfDay',
      'parseDuration',
      'parseFraction',
      'parseRate',
      'parseSize',
      'parseTimeOfDay',
    ]);
  });

  it('re-exports the same objects as the modules', () => {
    expect(units.UnitError).toBe(UnitError);
    expect(units.parseDuration).toBe(parseDuration);
  });

  it.each<[string, () => unknown]>([
    ['parseDuration', () => units.parseDuration('5')],
    ['parseSize', () => units.parseSize('5')],
    ['parseRate', () => units.parseRate('5')],
    ['parseFraction', () => units.parseFraction('5')],
    ['parseTimeOfDay', () => units.parseTimeOfDay(5)],
  ])('%s throws UnitError (not a plain Error) on bad input', (_, run) => {
    expect(run).toThrow(units.UnitError);
  });
});
