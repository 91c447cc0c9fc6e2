// Strict parsing and formatting of the scenario format's units: durations, sizes, data rates,
// fractions and times of day; every parser throws `UnitError` (found / expected) on bad input.
export { UnitError } from './unit-error';
export { parseDuration, formatDuration, formatDurationShort } from './duration';
export { parseSize, formatSize } from './size';
export { parseRate, formatRate, formatBitRate } from './rate';
export { parseFraction, formatPercent } from './fraction';
export { parseTimeOfDay, formatTimeOfDay } from './time-of-day';
