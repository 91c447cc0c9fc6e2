// The error every unit parser throws: what was found (rendered as the user wrote it) and what
// was expected, so callers can prefix a field path: `rate: found "100", expected a data rate ...`.

export class UnitError extends Error {
  /**
   * @param found the offending input as text: a string in double quotes, a number bare, `null`,
   *   `nothing` (undefined), `a list of 2 items`, `a mapping` (see {@link UnitError.about}).
   * @param expected a short phrase naming what was expected, e.g. `a duration such as "5m"`.
   */
  constructor(
    readonly found: string,
    readonly expected: string,
  ) {
    super(`found ${found}, expected ${expected}`);
    this.name = 'UnitError';
  }

  /** The error for an input value, rendering the value as the message shows it. */
  static about(input: unknown, expected: string): UnitError {
    return new UnitError(describeInput(input), expected);
  }
}

/** How an input reads in a message; matches the wording of scenario errors (`a mapping`, `a list of 2 items`). */
function describeInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
