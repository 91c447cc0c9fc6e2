// Fractions of the scenario format (`0.6`, `"60%"`) as numbers in 0..1, and their rendering
// as percentages (`60.0%`).
import { UnitError } from './unit-error';

/** A plain decimal (`0.6`, `-0.1` so the range can be reported) with an optional `%`; no exponent. */
const FRACTION = /^(-?)(\d+)(?:\.(\d+))?(%?)$/;

const EXPECTED = 'a fraction from 0 to 1 or a percentage from 0% to 100%, e.g. 0.6 or "60%"';

/**
 * Reads a fraction: a number in [0, 1], a numeric string in [0, 1] (`"0.6"`), or a percentage
 * string in [0%, 100%] (`"60%"`, `"12.5%"`, no space before `%`). Surrounding whitespace is
 * ignored. The value is the nearest double to the decimal written (`"33.3%"` is exactly 0.333; up to 15 digits).
 * Refused: values out of range (the message gives the range), exponents in strings, NaN, non-numbers.
 */
export function parseFraction(input: unknown): number {
  if (typeof input === 'number') {
    if (!(input >= 0 && input <= 1)) throw UnitError.about(input, EXPECTED);
    return input + 0; // -0 becomes 0
  }
  if (typeof input !== 'string') throw UnitError.about(input, EXPECTED);
  const match = FRACTION.exec(input.trim());
  if (match === null) throw UnitError.about(input, EXPECTED);
  const [, sign, whole, decimals = '', percent] = match;
  // Digits over a power of ten: both exact, so the division rounds once, to the nearest double.
  const places = decimals.length + (percent ? 2 : 0);
  const value = Number(whole + decimals) / 10 ** places;
  if (sign === '-' ? value !== 0 : value > 1) throw UnitError.about(input, EXPECTED);
  return value;
}

/**
 * A fraction as a percentage with `digits` decimals (default 1): 0.6 → `60.0%`, 0.125 with
 * digits 2 → `12.50%`. Never `-0.0%`. NaN and infinities throw RangeError.
 */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) throw new RangeError(`formatPercent needs a finite number, got ${fraction}`);
  const text = (fraction * 100).toFixed(digits);
  return `${Number(text) === 0 ? text.replace('-', '') : text}%`;
}
