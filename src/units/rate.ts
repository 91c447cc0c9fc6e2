// Data rates of the scenario format, in bytes (`20MBps`, `512KiBps`) or bits (`100Mbps`,
// `1Gbps`) per second, as bytes per second; and their human renderings (`12.5 MBps`, `100 Mbps`).
import { scaleDecimal } from './decimal';
import { formatScaled } from './scaled-number';
import { UnitError } from './unit-error';

interface RateUnit {
  /** Bytes per second (or bits per second when `bits`) in one of this unit. */
  factor: bigint;
  bits: boolean;
  /** What the unit measures, for hints: `megabits`. */
  meaning: string;
}

/** The canonical rate units (the `...ps` spellings); the bit rates first so hints name them first. */
const CANONICAL: ReadonlyMap<string, RateUnit> = new Map([
  ['bps', { factor: 1n, bits: true, meaning: 'bits' }],
  ['kbps', { factor: 1000n, bits: true, meaning: 'kilobits' }],
  ['Mbps', { factor: 1000n ** 2n, bits: true, meaning: 'megabits' }],
  ['Gbps', { factor: 1000n ** 3n, bits: true, meaning: 'gigabits' }],
  ['Tbps', { factor: 1000n ** 4n, bits: true, meaning: 'terabits' }],
  ['Bps', { factor: 1n, bits: false, meaning: 'bytes' }],
  ['KBps', { factor: 1000n, bits: false, meaning: 'kilobytes' }],
  ['MBps', { factor: 1000n ** 2n, bits: false, meaning: 'megabytes' }],
  ['GBps', { factor: 1000n ** 3n, bits: false, meaning: 'gigabytes' }],
  ['TBps', { factor: 1000n ** 4n, bits: false, meaning: 'terabytes' }],
  ['KiBps', { factor: 1024n, bits: false, meaning: 'kibibytes' }],
  ['MiBps', { factor: 1024n ** 2n, bits: false, meaning: 'mebibytes' }],
  ['GiBps', { factor: 1024n ** 3n, bits: false, meaning: 'gibibytes' }],
  ['TiBps', { factor: 1024n ** 4n, bits: false, meaning: 'tebibytes' }],
]);

/** Other exact spellings accepted for a canonical unit (all unambiguous). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['Kbps', 'kbps'],
  ['kBps', 'KBps'],
  ['bit/s', 'bps'],
  ['kbit/s', 'kbps'],
  ['Kbit/s', 'kbps'],
  ['Mbit/s', 'Mbps'],
  ['Gbit/s', 'Gbps'],
  ['Tbit/s', 'Tbps'],
  ['B/s', 'Bps'],
  ['KB/s', 'KBps'],
  ['kB/s', 'KBps'],
  ['MB/s', 'MBps'],
  ['GB/s', 'GBps'],
  ['TB/s', 'TBps'],
  ['KiB/s', 'KiBps'],
  ['MiB/s', 'MiBps'],
  ['GiB/s', 'GiBps'],
  ['TiB/s', 'TiBps'],
]);

/**
 * An optional `-` (to report negatives), digits with optional decimals (no `+`, no exponent), an
 * optional single space, then the unit (none, to report bare numbers).
 */
const RATE = /^(-?)(\d+)(?:\.(\d+))? ?([A-Za-z/]*)$/;

const EXAMPLES =
  'a data rate such as "20MBps" or "100Mbps" (bytes per second: Bps, KBps, MBps, GBps, KiBps, MiBps, GiBps; bits per second: bps, kbps, Mbps, Gbps)';

function lookUp(unit: string): RateUnit | undefined {
  return CANONICAL.get(unit) ?? CANONICAL.get(ALIASES.get(unit) ?? '');
}

/**
 * Reads a data rate into bytes per second (a float: `100Mbps` is 12 500 000): digits with optional
 * decimals, an optional space, then a unit spelled exactly. Bytes per second: `Bps KBps MBps GBps
 * TBps` (×1000 each), `KiBps MiBps GiBps TiBps` (×1024 each), also written `MB/s`, `MiB/s`, ...,
 * and `kBps`. Bits per second (÷8): `bps kbps Mbps Gbps Tbps` (×1000 each), also `Kbps`, `bit/s`,
 * `kbit/s`, `Mbit/s`, `Gbit/s`, `Tbit/s`. Zero is allowed. Refused: bare numbers ("100 what?"),
 * negatives, exponents, case-ambiguous units (`mbps`, `MBPS`, `Mb/s`: the hint names `Mbps` and
 * `MBps`), sizes without "per second" (`20MB`), non-strings.
 */
export function parseRate(input: unknown): number {
  if (typeof input === 'number') throw UnitError.about(input, Number.isFinite(input) ? bareNumber(String(input)) : EXAMPLES);
  if (typeof input !== 'string') throw UnitError.about(input, EXAMPLES);
  const text = input.trim();
  const match = RATE.exec(text);
  if (match === null) throw UnitError.about(input, EXAMPLES);
  const [, sign, whole, decimals = '', unit] = match;
  if (unit === '') throw UnitError.about(input, bareNumber(text));
  if (sign !== '') throw UnitError.about(input, 'a data rate of zero or more, e.g. "20MBps"');
  const found = lookUp(unit);
  if (found === undefined) throw UnitError.about(input, unknownUnit(whole + (decimals ? `.${decimals}` : ''), unit));
  const { numerator, denominator } = scaleDecimal(whole, decimals, found.factor);
  const bytesPerSecond = Number(numerator) / Number(found.bits ? denominator * 8n : denominator);
  if (!Number.isFinite(bytesPerSecond)) throw UnitError.about(input, 'a data rate of a sensible size, e.g. "10Gbps"');
  return bytesPerSecond;
}

function bareNumber(text: string): string {
  return `a data rate with a unit (${text} what?): "${text}Mbps" for megabits or "${text}MBps" for megabytes per second`;
}

/** The most helpful phrase for a unit that is not accepted as written. */
function unknownUnit(number: string, unit: string): string {
  if (lookUp(`${unit}ps`) !== undefined) {
    return `a data rate, per second: "${number}${unit}ps" for ${lookUp(`${unit}ps`)!.meaning} per second`;
  }
  const key = caseless(unit);
  let candidates = [...CANONICAL.keys()].filter((name) => name.toLowerCase() === key);
  if (candidates.length === 0) candidates = [...CANONICAL.keys()].filter((name) => name.toLowerCase() === `${key}ps`);
  if (candidates.length === 0) return EXAMPLES;
  const options = candidates.map((name) => `"${number}${name}" for ${CANONICAL.get(name)!.meaning}`).join(' or ');
  return `a data rate whose unit has the right case (it matters): ${options} per second`;
}

/** A unit folded for case-blind hints: lower case, with `bit/s`, `bits/s` and `/s` spelled `bps`/`ps`. */
function caseless(unit: string): string {
  return unit.toLowerCase().replace('bits/s', 'bps').replace('bit/s', 'bps').replace('/s', 'ps');
}

const DECIMAL_BYTES = { base: 1000, units: ['Bps', 'KBps', 'MBps', 'GBps', 'TBps'], trimZeros: false } as const;
const DECIMAL_BITS = { base: 1000, units: ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps'], trimZeros: true } as const;

/**
 * A rate for humans in decimal bytes per second `Bps KBps MBps GBps TBps`: the largest unit the
 * value reaches; whole bytes per second below 1 KBps (`0 Bps`, `512 Bps`), otherwise three
 * significant digits (`12.5 MBps`, `2.00 MBps`, `640 KBps`). Negative rates get `-`; NaN and
 * infinities throw RangeError.
 */
export function formatRate(bytesPerSecond: number): string {
  return formatScaled(bytesPerSecond, DECIMAL_BYTES, 'formatRate');
}

/**
 * A rate (given in bytes per second) for humans in bits per second `bps kbps Mbps Gbps Tbps`,
 * as links are quoted: the largest unit reached, whole bits per second below 1 kbps, otherwise up
 * to three significant digits with trailing zeros dropped (`100 Mbps`, `1 Gbps`, `1.5 Gbps`,
 * `10 Gbps`). Negative rates get `-`; NaN and infinities throw RangeError.
 */
export function formatBitRate(bytesPerSecond: number): string {
  return formatScaled(bytesPerSecond * 8, DECIMAL_BITS, 'formatBitRate');
}
