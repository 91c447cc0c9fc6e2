// Exact arithmetic on the decimal numbers written in unit strings (`1.5`, `0.125`): scaling by a
// unit's factor with integers, so `1.1s` is exactly 1100 ms and rounding never suffers float error.

/** A non-negative fraction `numerator / denominator`; the denominator is a power of ten. */
export interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

/** `<whole>.<decimals> × factor` as an exact ratio (`whole`, `decimals` are digit strings; `decimals` may be ''). */
export function scaleDecimal(whole: string, decimals: string, factor: bigint): Ratio {
  return { numerator: BigInt(whole + decimals) * factor, denominator: 10n ** BigInt(decimals.length) };
}

/** The nearest integer to a ratio, halves rounded up. */
export function roundHalfUp(ratio: Ratio): bigint {
  return (2n * ratio.numerator + ratio.denominator) / (2n * ratio.denominator);
}
