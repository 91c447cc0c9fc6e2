// Durations of the scenario format (`500ms`, `30s`, `1d6h30m`, `1w`) as integer milliseconds,
// and their canonical (`1d6h30m`) and short human (`1d 6h`) renderings.
import { scaleDecimal } from './decimal';
import { UnitError } from './unit-error';

/** Duration units, largest first (the order terms must follow), in milliseconds. */
const UNITS: readonly (readonly [name: string, ms: number])[] = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/**
 * One term: an optional single space (between terms), an optional `-` (to report negatives),
 * digits with optional decimals, unit letters (none, to report bare numbers). No `+`, no exponent
 * (`1e3s` is refused), no leading or trailing point (`.5h`, `5.h`).
 */
const TERM = /( ?)(-?)(\d+)(?:\.(\d+))?([A-Za-z]*)/y;

const EXAMPLES = 'a duration such as "500ms", "30s", "5m", "4h" or "1d6h30m"';
const UNIT_LIST = 'ms, s, m, h, d or w';

/**
 * Reads a duration string into whole milliseconds. It is one or more `<number><unit>` terms with
 * units `w d h m s ms`, each unit at most once and largest first (`1d6h30m`, `1d 6h`); a term
 * may have decimals (`1.5h`) as long as the total is a whole number of milliseconds. Surrounding
 * whitespace is ignored. Refused: bare numbers ("100 what?"), negatives, exponents (`1e3s`),
 * unknown or wrongly-cased units (`5mins`, `5M`), repeated or out-of-order terms, non-strings.
 */
export function parseDuration(input: unknown): number {
  if (typeof input === 'number') throw UnitError.about(input, Number.isFinite(input) ? bareNumber(String(input)) : EXAMPLES);
  if (typeof input !== 'string') throw UnitError.about(input, EXAMPLES);
  const text = input.trim();
  if (text === '') throw UnitError.about(input, EXAMPLES);

  let total = 0n;
  let position = 0;
  let previousRank = -1;
  while (position < text.length) {
    TERM.lastIndex = position;
    const match = TERM.exec(text);
    if (match === null || (position === 0 && match[1] !== '')) throw UnitError.about(input, EXAMPLES);
    const [, , sign, whole, decimals = '', unit] = match;
    if (unit === '' && TERM.lastIndex < text.length) throw UnitError.about(input, EXAMPLES);
    if (unit === '' && position === 0) throw UnitError.about(input, bareNumber(text));
    if (sign !== '') throw UnitError.about(input, 'a duration of zero or more, e.g. "5m"');
    if (unit === '') {
      const number = text.slice(position).trim();
      throw UnitError.about(input, `a duration with a unit on every term (${number} what?), e.g. "${text}m"`);
    }
    const rank = UNITS.findIndex(([name]) => name === unit);
    if (rank < 0) throw UnitError.about(input, unknownUnit(text, TERM.lastIndex, whole, unit));
    if (rank <= previousRank) {
      throw UnitError.about(input, 'a duration with each unit at most once, largest first, e.g. "1h5m" (not "5m1h")');
    }
    const term = scaleDecimal(whole, decimals, BigInt(UNITS[rank][1]));
    if (term.numerator % term.denominator !== 0n) {
      throw UnitError.about(input, 'a duration in whole milliseconds, e.g. "1.5s" or "1s500ms" (not "1.5ms")');
    }
    total += term.numerator / term.denominator;
    previousRank = rank;
    position = TERM.lastIndex;
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw UnitError.about(input, 'a duration short enough to count in milliseconds (under about 285,000 years)');
  }
  return Number(total);
}

function unknownUnit(text: string, end: number, whole: string, unit: string): string {
  const next = text.charAt(end);
  if ((unit === 'e' || unit === 'E') && (next === '+' || next === '-' || (next >= '0' && next <= '9'))) {
    return 'a duration without an exponent, e.g. "1000s" or "16m40s"';
  }
  const lowerCase = UNITS.some(([name]) => name === unit.toLowerCase());
  return `a duration with ${lowerCase ? 'lower-case ' : ''}units ${UNIT_LIST} (not "${unit}"), e.g. "${whole}m" or "${whole}h"`;
}

function bareNumber(text: string): string {
  return `a duration with a unit (${text} what?), e.g. "${text}ms", "${text}s" or "${text}m"`;
}

/**
 * The canonical form of a duration: terms `d h m s ms` largest first, zero terms left out, no
 * weeks (`0s`, `500ms`, `1s250ms`, `1h5s`, `1d6h30m`, `14d`). `parseDuration` reads it back to the
 * same number. Throws RangeError unless `ms` is a non-negative safe integer.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`formatDuration needs a non-negative whole number of milliseconds, got ${ms}`);
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    if (unit === 'w') continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/**
 * A duration for tables, rounded to at most two terms:
 * - under 1 s: whole milliseconds, `250ms` (but zero is `0s`);
 * - under 1 min: seconds with one decimal, trailing `.0` dropped: `4.2s`, `30s`;
 * - otherwise the largest of `d h m` that the value reaches and the next unit down, rounded half
 *   up to that next unit, separated by a space, a zero second term left out: `5m 30s`, `1d 6h`
 *   (1d6h29m), `1d 7h` (1d6h30m), `2d`, `59m 59s`. No weeks: `20d 3h`. Rounding may carry into
 *   the next unit up: 23h59m40s is `1d`.
 * Negative durations get a `-` (`-5s`; `-0.3` is `0s`). Throws RangeError for NaN and infinities.
 * `parseDuration` reads the result of a non-negative duration back (as rounded).
 */
export function formatDurationShort(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDurationShort needs a finite number, got ${ms}`);
  if (Math.round(Math.abs(ms)) === 0) return '0s';
  if (ms < 0) return `-${formatDurationShort(-ms)}`;
  const wholeMs = Math.round(ms);
  if (wholeMs < 1000) return `${wholeMs}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000); // at least 60 here
  const [, , , step] = SHORT_PAIRS.find(([, bigS]) => seconds >= bigS)!;
  const rounded = Math.round(seconds / step) * step;
  // Rounding may reach the next unit up (23h59m40s → 24h), which is then written with that unit.
  const [big, bigS, small, smallS] = SHORT_PAIRS.find(([, bigS]) => rounded >= bigS)!;
  const first = Math.floor(rounded / bigS);
  const second = Math.round((rounded - first * bigS) / smallS);
  return second === 0 ? `${first}${big}` : `${first}${big} ${second}${small}`;
}

/** The two-term pairs of `formatDurationShort`, in seconds, largest first. */
const SHORT_PAIRS: readonly (readonly [string, number, string, number])[] = [
  ['d', 86_400, 'h', 3_600],
  ['h', 3_600, 'm', 60],
  ['m', 60, 's', 1],
];
