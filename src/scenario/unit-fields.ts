// Zod field types for the unit strings of the format (durations, sizes, rates, fractions,
// times of day): they parse with `src/units` and report the unit error at the field's path.
import { z } from 'zod';
import { parseDuration, parseFraction, parseRate, parseSize, parseTimeOfDay, UnitError } from '../units';

function unitField(parse: (input: unknown) => number, meta: { type?: string; description: string; examples: unknown[] }) {
  return z
    .unknown()
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        // Optional fields never get here with nothing: a missing value is a required field.
        const expected = value === undefined ? `${error.expected} (this field is required)` : error.expected;
        ctx.addIssue({ code: 'custom', message: error.message, params: { found: error.found, expected } });
        return z.NEVER;
      }
    })
    .meta(meta);
}

export const duration = () =>
  unitField(parseDuration, { type: 'string', description: 'A duration: 500ms, 30s, 5m, 4h, 2d, 1d6h30m, 1w', examples: ['5m', '1d6h'] });
export const size = () =>
  unitField(parseSize, { type: 'string', description: 'A size: 512B, 64MB, 128GiB, 1.5TB (KB..TB decimal, KiB..TiB binary)', examples: ['128GiB'] });
export const rate = () =>
  unitField(parseRate, { type: 'string', description: 'A data rate: 20MBps, 512KiBps (bytes/s) or 100Mbps, 1Gbps (bits/s)', examples: ['20MBps', '100Mbps'] });
export const timeOfDay = () => unitField(parseTimeOfDay, { type: 'string', description: 'A time of day, "HH:MM"', examples: ['02:00'] });

export const fraction = () =>
  unitField(parseFraction, { description: 'A fraction: 0.6 or "60%"', examples: ['60%', 0.6] });
