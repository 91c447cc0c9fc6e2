// Scenario errors as users read them: the field path (`vms[1].disks[0].churn.rate`), what
// was found and what was expected; converts zod issues and locates them in the YAML source.
import type { z } from 'zod';

export interface ScenarioError {
  /** Dotted path with [index] for lists, `` (empty) for the whole file. */
  path: string;
  found: string;
  expected: string;
  /** 1-based position in the source text, when known. */
  line?: number;
  column?: number;
  /** The `--set PATH=VALUE` that wrote the value at fault, when one did (then no line is given). */
  override?: string;
  /** `path: found X, expected Y` (with the line, or the `--set`, when known). */
  message: string;
}

/** Thrown by `loadScenario` callers that prefer exceptions; carries every error at once. */
export class ScenarioInvalidError extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'ScenarioInvalidError';
  }
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** How a found value reads in a message: strings quoted, short values shown, big ones described. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'a mapping';
}

export function makeError(path: readonly PathSegment[] | string, found: string, expected: string): ScenarioError {
  const p = typeof path === 'string' ? path : formatPath(path);
  return { path: p, found, expected, message: `${p || '(file)'}: found ${found}, expected ${expected}` };
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  tuple: 'a list',
};

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(' | ');
}

/** Converts one zod issue into a user-facing error (`allowedKeys` names the fields a mapping takes). */
export function errorFromIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  allowedKeys: (path: readonly PathSegment[]) => string[],
): ScenarioError[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  const value = valueAt(input, path);
  const found = describeFound(value);
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { found?: string; expected?: string };
      return [makeError(path, params.found ?? found, params.expected ?? issue.message)];
    }
    case 'invalid_type': {
      const word = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined) return [makeError(path, 'nothing', `${word} (this field is required)`)];
      return [makeError(path, found, word)];
    }
    case 'invalid_value': {
      const expected = issue.values.length === 1 ? quoteAll(issue.values) : `one of ${quoteAll(issue.values)}`;
      return [makeError(path, found, value === undefined ? `${expected} (this field is required)` : expected)];
    }
    case 'invalid_union': {
      const withDiscriminator = issue as typeof issue & { options?: unknown[]; discriminator?: string };
      if (withDiscriminator.options && withDiscriminator.discriminator) {
        const at = [...path];
        const v = valueAt(input, at);
        const expected = `one of ${quoteAll(withDiscriminator.options)}`;
        return [makeError(at, describeFound(v), v === undefined ? `${expected} (this field is required)` : expected)];
      }
      const alternatives = issue.errors.map((errs) => errs.flatMap((e) => errorFromIssue({ ...e, path: [...issue.path, ...e.path] } as z.core.$ZodIssue, input, allowedKeys)));
      // A value that is one of several kinds (`"off"` or a duration): name every kind.
      const here = formatPath(path);
      if (alternatives.length > 1 && alternatives.every((a) => a.length === 1 && a[0].path === here)) {
        return [makeError(path, alternatives[0][0].found, alternatives.map((a) => a[0].expected).join(', or '))];
      }
      // A union of several shapes: report the errors of the closest alternative.
      alternatives.sort((a, b) => a.length - b.length);
      return alternatives[0]?.length ? alternatives[0] : [makeError(path, found, 'a valid value')];
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        const expected =
          (suggestion ? `"${suggestion}"? ` : '') + (allowed.length ? `one of the fields ${allowed.join(', ')}` : 'no such field');
        return makeError([...path, key], `an unknown field "${key}"`, expected);
      });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return [makeError(path, found, `at least ${min} item${min === 1 ? '' : 's'}`)];
      if (issue.origin === 'string') return [makeError(path, found, 'a non-empty text')];
      return [makeError(path, found, `a number ${issue.inclusive ? '≥' : '>'} ${min}`)];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return [makeError(path, found, `at most ${max} item${max === 1 ? '' : 's'}`)];
      return [makeError(path, found, `a number ${issue.inclusive ? '≤' : '<'} ${max}`)];
    }
    case 'invalid_format':
      return [makeError(path, found, issue.message)];
    default:
      return [makeError(path, found, issue.message)];
  }
}

/** The allowed key closest to a misspelt one (edit distance ≤ 2, or a case-only difference). */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
