// Human rendering of a quantity in the largest fitting unit of a ladder (B, KiB, MiB, ...) with
// three significant digits; shared by the size and rate formatters.

export interface Ladder {
  /** Ratio between neighbouring units (1024 or 1000). */
  base: number;
  /** Unit names from the smallest (the quantity's own unit) upwards. */
  units: readonly string[];
  /** Drop trailing zeros after the point (`1 Gbps` rather than `1.00 Gbps`). */
  trimZeros: boolean;
}

/**
 * `value` in the largest unit it reaches, with a space before the unit. In the smallest unit it is
 * rounded to a whole number; in larger units it has three significant digits (`1.50`, `60.0`,
 * `512`), except that 1000..1023 in a base-1024 ladder stay whole (`1000 MiB`). A value that
 * rounds up to the next unit moves there (`1023.9 KiB` → `1.00 MiB`). Negative values get `-`.
 */
export function formatScaled(value: number, ladder: Ladder, caller: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`${caller} needs a finite number, got ${value}`);
  if (value < 0) return `-${formatScaled(-value, ladder, caller)}`;
  const { base, units } = ladder;
  let index = 0;
  while (index < units.length - 1 && value >= base ** (index + 1)) index++;
  for (;;) {
    const scaled = value / base ** index;
    let text = index === 0 ? String(Math.round(scaled)) : threeSignificant(scaled);
    if (Number(text) >= base && index < units.length - 1) {
      index++;
      continue;
    }
    if (ladder.trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
    return `${text} ${units[index]}`;
  }
}

/** Two decimals below 10, one below 100, none above (after rounding: 9.996 → `10.0`). */
function threeSignificant(value: number): string {
  const two = value.toFixed(2);
  if (Number(two) < 10) return two;
  const one = value.toFixed(1);
  if (Number(one) < 100) return one;
  return value.toFixed(0);
}
