// Checks a scenario's `expect` entries against a results object: a dotted metric path
// (`vms.sql.rpo.max` ↔ `rpo.maxMs`), a comparator, and a value read in the metric's unit.
import { formatDurationShort, formatRate, formatSize, parseDuration, parseFraction, parseRate, parseSize, UnitError } from '../units';
import type { Expectation } from '../scenario';
import type { ExpectationResult } from './results-types';

const SUFFIXES = ['', 'Ms', 'Bytes', 'BytesPerS', 'Pct'] as const;

/** Finds the value a metric path names, trying the unit suffixes at each field. */
export function resolveMetric(results: unknown, metric: string): { value: unknown; key: string } | null {
  let node: unknown = results;
  let key = '';
  for (const seg of metric.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(seg) || Number(seg) >= node.length) return null;
      node = node[Number(seg)];
      key = seg;
      continue;
    }
    const record = node as Record<string, unknown>;
    const suffix = SUFFIXES.find((s) => Object.prototype.hasOwnProperty.call(record, seg + s));
    if (suffix === undefined) return null;
    key = seg + suffix;
    node = record[key];
  }
  return { value: node, key };
}

/** The expected value in the metric's own unit (ms, bytes, bytes/s, percent), or an error phrase. */
function expectedIn(key: string, expected: number | string | boolean): number | string | boolean {
  const parseWith = (parse: (v: unknown) => number) => parse(expected);
  if (key.endsWith('BytesPerS')) return parseWith(parseRate);
  if (key.endsWith('Ms')) return parseWith(parseDuration);
  if (key.endsWith('Bytes')) return parseWith(parseSize);
  if (key.endsWith('Pct')) return typeof expected === 'number' ? expected : parseWith(parseFraction) * 100;
  return expected;
}

/** The actual value as a person reads it, in the metric's unit. */
function display(key: string, value: unknown): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '—' : String(value);
  if (key.endsWith('BytesPerS')) return formatRate(value);
  if (key.endsWith('Ms')) return formatDurationShort(Math.round(value));
  if (key.endsWith('Bytes')) return formatSize(value);
  if (key.endsWith('Pct')) return `${value.toFixed(2)}%`;
  return String(value);
}

export function checkExpectation(results: unknown, e: Expectation): ExpectationResult {
  const base = { metric: e.metric, comparator: e.comparator, expected: e.expectedText };
  const found = resolveMetric(results, e.metric);
  if (!found) return { ...base, actual: null, pass: false, reason: `no metric "${e.metric}" in the results` };
  const actual = found.value;
  const withText = <T extends ExpectationResult>(r: T): T => ({ ...r, actualText: display(found.key, r.actual) });
  if (actual !== null && typeof actual === 'object') {
    return withText({ ...base, actual: null, pass: false, reason: `"${e.metric}" is a group of metrics, not one value` });
  }
  let expected: number | string | boolean;
  try {
    expected = expectedIn(found.key, e.expected);
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    return withText({ ...base, actual: actual as ExpectationResult['actual'], pass: false, reason: `expected value: ${error.message}` });
  }
  const a = actual as number | string | boolean | null;
  if (e.comparator === 'equals') return withText({ ...base, actual: a, pass: a === expected || String(a) === String(expected) });
  if (typeof a !== 'number' || typeof expected !== 'number') {
    return withText({ ...base, actual: a, pass: false, reason: a === null ? `"${e.metric}" has no value in this run` : 'a numeric comparison needs numbers' });
  }
  const pass =
    e.comparator === 'below' ? a < expected : e.comparator === 'atMost' ? a <= expected : e.comparator === 'above' ? a > expected : a >= expected;
  return withText({ ...base, actual: a, pass });
}
