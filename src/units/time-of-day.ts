// Times of day of the scenario format (`"02:00"`, `"13:30"`, `"23:59:59"`) as milliseconds after
// midnight, and their rendering back to `"HH:MM"` (or `"HH:MM:SS"`).
import { UnitError } from './unit-error';

/** `H:MM` or `HH:MM`, optionally `:SS`. */
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const EXPECTED = 'a time of day "HH:MM" from "00:00" to "23:59" (or "HH:MM:SS"), e.g. "02:00" or "13:30"';

/**
 * Reads `"HH:MM"` or `"HH:MM:SS"` (hours may have one digit: `"2:00"`) from 00:00 to 23:59:59
 * into milliseconds after midnight. Surrounding whitespace is ignored. A number is refused with a
 * hint to quote the time (a YAML 1.1 reader turns unquoted 02:00 into the number 120).
 */
export function parseTimeOfDay(input: unknown): number {
  if (typeof input === 'number') {
    throw UnitError.about(input, 'a time of day in quotes, e.g. "02:00" (a number is not a time of day)');
  }
  if (typeof input !== 'string') throw UnitError.about(input, EXPECTED);
  const match = TIME_OF_DAY.exec(input.trim());
  if (match === null) throw UnitError.about(input, EXPECTED);
  const [hours, minutes, seconds] = [match[1], match[2], match[3] ?? '0'].map(Number);
  if (hours > 23 || minutes > 59 || seconds > 59) throw UnitError.about(input, EXPECTED);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Milliseconds after midnight as `"HH:MM"`, or `"HH:MM:SS"` when the seconds are not zero
 * (48 600 000 → `13:30`, 7 230 000 → `02:00:30`); a sub-second part is dropped. Throws RangeError
 * outside 0 ≤ ms < 24 h.
 */
export function formatTimeOfDay(ms: number): string {
  if (!(ms >= 0 && ms < 86_400_000)) throw new RangeError(`formatTimeOfDay needs 0 ≤ ms < 86400000, got ${ms}`);
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}`;
  const seconds = totalSeconds % 60;
  return seconds === 0 ? hhmm : `${hhmm}:${pad(seconds)}`;
}
