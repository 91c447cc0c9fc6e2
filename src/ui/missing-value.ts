// How the page writes a number that may be missing (no RPO yet, no sample under the cursor):
// a dash, never "NaN" or "null".
import { formatDurationShort } from '../units';

export const MISSING = '—';

/** A duration in ms as `5m 30s`, or a dash when there is none. */
export function durationOrDash(ms: number | null | undefined): string {
  return ms === null || ms === undefined || Number.isNaN(ms) ? MISSING : formatDurationShort(ms);
}
