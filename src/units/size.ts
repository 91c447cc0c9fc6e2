// Sizes of the scenario format (`512B`, `64MB`, `128GiB`, `1.5TB`) as whole bytes, and their
// human rendering in binary units (`1.50 GiB`).
import { roundHalfUp, scaleDecimal } from './decimal';
import { formatScaled } from './scaled-number';
import { UnitError } from './unit-error';

/** Size units, matched exactly: decimal (powers of 1000) and binary (powers of 1024). */
const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['B', 1n],
  ['KB', 1000n],
  ['kB', 1000n], // the SI spelling of kilobyte; unambiguous
  ['MB', 1000n ** 2n],
  ['GB', 1000n ** 3n],
  ['TB', 1000n ** 4n],
  ['PB', 1000n ** 5n],
  ['KiB', 1024n],
  ['MiB', 1024n ** 2n],
  ['GiB', 1024n ** 3n],
  ['TiB', 1024n ** 4n],
  ['PiB', 1024n ** 5n],
]);

/**
 * An optional `-` (to report negatives), digits with optional decimals (no `+`, no exponent), an
 * optional single space, then unit letters (none, to report bare numbers).
 */
const SIZE = /^(-?)(\d+)(?:\.(\d+))? ?([A-Za-z/]*)$/;

const EXAMPLES =
  'a size such as "512B", "64MB", "128GiB" or "1.5TB" (KB, MB, GB, TB, PB are powers of 1000; KiB, MiB, GiB, TiB, PiB powers of 1024)';

/**
 * Reads a size string into bytes, rounded to the nearest byte (halves up): digits with optional
 * decimals, an optional space, then a unit spelled exactly: `B`, `KB`/`kB` `MB` `GB` `TB` `PB`
 * (×1000 each) or `KiB` `MiB` `GiB` `TiB` `PiB` (×1024 each). Surrounding whitespace is ignored.
 * Refused: bare numbers ("100 what?"), negatives, exponents, wrongly-cased units such as `10kb` or
 * `10Mb` (a lower-case `b` reads as bits), rates (`10MBps`), sizes of 8 PiB or more, non-strings.
 */
export function parseSize(input: unknown): number {
  if (typeof input === 'number') throw UnitError.about(input, Number.isFinite(input) ? bareNumber(String(input)) : EXAMPLES);
  if (typeof input !== 'string') throw UnitError.about(input, EXAMPLES);
  const text = input.trim();
  const match = SIZE.exec(text);
  if (match === null) throw UnitError.about(input, EXAMPLES);
  const [, sign, whole, decimals = '', unit] = match;
  if (unit === '') throw UnitError.about(input, bareNumber(text));
  if (sign !== '') throw UnitError.about(input, 'a size of zero or more, e.g. "64MB"');
  const factor = UNITS.get(unit);
  if (factor === undefined) throw UnitError.about(input, unknownUnit(whole + (decimals ? `.${decimals}` : ''), unit));
  const bytes = roundHalfUp(scaleDecimal(whole, decimals, factor));
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw UnitError.about(input, 'a size under 8 PiB');
  return Number(bytes);
}

function bareNumber(text: string): string {
  return `a size with a unit (${text} what?), e.g. "${text}MB" or "${text}GiB"`;
}

/** The most helpful phrase for a unit that is not in the table. */
function unknownUnit(number: string, unit: string): string {
  if (unit.endsWith('ps') || unit.endsWith('/s')) return `a size, not a rate, e.g. "${number}GB"`;
  const sameLetters = [...UNITS.keys()].find((name) => name.toLowerCase() === unit.toLowerCase());
  if (sameLetters !== undefined) {
    const bits = unit.endsWith('b') ? '; a lower-case "b" means bits' : '';
    return `a size with the unit's case exact, "${number}${sameLetters}" (units are case-sensitive${bits})`;
  }
  if (UNITS.has(`${unit}B`)) return `a size ending in "B" for bytes, e.g. "${number}${unit}B"`;
  return EXAMPLES;
}

const BINARY_BYTES = { base: 1024, units: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], trimZeros: false } as const;

/**
 * A size for humans in binary units `B KiB MiB GiB TiB PiB`: the largest unit the value reaches;
 * whole bytes below 1 KiB (`512 B`), otherwise three significant digits (`1.50 GiB`, `60.0 GiB`,
 * `512 MiB`), except 1000..1023 of a unit stay whole (`1000 MiB`); a value that rounds to 1024 of
 * a unit moves up (`1.00 GiB`). Negative sizes get `-`; NaN and infinities throw RangeError.
 */
export function formatSize(bytes: number): string {
  return formatScaled(bytes, BINARY_BYTES, 'formatSize');
}
