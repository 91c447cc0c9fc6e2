// Specification of UnitError: the message reads `found X, expected Y`, and inputs are rendered
// the way scenario errors render them (strings quoted, numbers bare, mappings and lists described).
import { describe, it, expect } from 'vitest';
import { UnitError } from '../../src/units';

describe('UnitError', () => {
  it('is an Error whose message reads "found <found>, expected <expected>"', () => {
    const error = new UnitError('"100"', 'a duration with a unit, e.g. "5m"');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UnitError');
    expect(error.found).toBe('"100"');
    expect(error.expected).toBe('a duration with a unit, e.g. "5m"');
    expect(error.message).toBe('found "100", expected a duration with a unit, e.g. "5m"');
  });

  it.each<[string, unknown, string]>([
    ['a string in double quotes', '100', '"100"'],
    ['a string with quotes escaped as JSON', 'say "hi"', '"say \\"hi\\""'],
    ['a long string shortened to 60 characters', 'x'.repeat(100), `"${'x'.repeat(57)}..."`],
    ['a number bare', 100, '100'],
    ['a negative number bare', -2.5, '-2.5'],
    ['NaN as NaN', Number.NaN, 'NaN'],
    ['Infinity as Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['null as null', null, 'null'],
    ['undefined as nothing', undefined, 'nothing'],
    ['a boolean bare', true, 'true'],
    ['a list by its length', [1, 2], 'a list of 2 items'],
    ['a one-item list in the singular', ['5m'], 'a list of 1 item'],
    ['an object as a mapping', { value: 5, unit: 'm' }, 'a mapping'],
  ])('UnitError.about renders %s', (_, input, found) => {
    const error = UnitError.about(input, 'something');
    expect(error.found).toBe(found);
    expect(error.message).toBe(`found ${found}, expected something`);
  });
});
