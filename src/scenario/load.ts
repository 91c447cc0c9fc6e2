// Loads a scenario: YAML or JSON text (or an already parsed object) -> overrides -> schema
// -> normalised `Scenario`, or every error at once with its path and source position.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { allowedKeysAt, isListAt } from './schema-keys';
import { errorFromIssue, makeError, type PathSegment, type ScenarioError } from './errors';
import { applyOverrides, type AppliedOverride } from './overrides';
import { scenarioSchema } from './schema';
import { normalise, type NormaliseOptions } from './normalise';
import type { Scenario } from './types';

export const MAX_SCENARIO_TEXT_CHARS = 5_000_000;

export interface LoadOptions extends NormaliseOptions {
  /** `--set PATH=VALUE` overrides, applied in order before validation. */
  overrides?: readonly string[];
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Parses and validates scenario text (YAML, of which JSON is a subset). */
export function loadScenario(text: string, options: LoadOptions = {}): LoadResult {
  if (text.length > MAX_SCENARIO_TEXT_CHARS) {
    return { ok: false, errors: [makeError('', `${text.length} characters`, `a scenario of at most ${MAX_SCENARIO_TEXT_CHARS} characters`)] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const err = makeError('', `invalid YAML at line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0]}`, 'a YAML or JSON scenario');
        return { ...err, line: pos.line, column: pos.col };
      }),
    };
  }
  keepDigestsAsText(doc, text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, errors: [makeError('', `YAML that cannot be expanded (${(error as Error).message})`, 'a scenario without alias bombs')] };
  }
  if (doc.contents === null) return { ok: false, errors: [makeError('', 'an empty file', 'a scenario: drsim, duration, sites, vms, ...')] };
  const result = loadScenarioObject(data, options);
  if (!result.ok) return { ok: false, errors: result.errors.map((e) => locate(e, doc, lineCounter)) };
  return result;
}

/**
 * A digest is hex text, but YAML reads `0123456789012345` or `12e4567890123456` as numbers
 * (dropping the 0, overflowing): `equals` on `digest` keeps the characters as written.
 */
function keepDigestsAsText(doc: Document, text: string): void {
  const expect = doc.get('expect', true);
  if (!isSeq(expect)) return;
  for (const item of expect.items) {
    if (!isMap(item) || item.get('metric') !== 'digest') continue;
    const value = item.get('equals', true);
    if (isScalar(value) && typeof value.value === 'number' && value.range) value.value = text.slice(value.range[0], value.range[1]);
  }
}

/** Validates an already parsed object (e.g. from the app's editor state). */
export function loadScenarioObject(input: unknown, options: LoadOptions = {}): LoadResult {
  const data = structuredClone(input);
  let applied: AppliedOverride[] = [];
  if (options.overrides?.length) {
    const overridden = applyOverrides(data, options.overrides, (path) => isListAt(scenarioSchema, data, path));
    if (overridden.errors.length > 0) return { ok: false, errors: overridden.errors };
    applied = overridden.applied;
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const keys = (path: readonly PathSegment[]) => allowedKeysAt(scenarioSchema, data, path);
    const errors = dedupe(parsed.error.issues.flatMap((issue) => errorFromIssue(issue, data, keys)));
    return { ok: false, errors: errors.map((e) => blameOverride(e, applied)) };
  }
  const { scenario, errors } = normalise(parsed.data, options);
  if (!scenario) return { ok: false, errors: errors.map((e) => blameOverride(e, applied)) };
  return { ok: true, scenario };
}

/** An error in a value a `--set` wrote names that `--set`, not the line of the file it replaced. */
function blameOverride(error: ScenarioError, applied: readonly AppliedOverride[]): ScenarioError {
  const within = (path: string) => error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`);
  const override = [...applied].reverse().find((o) => within(o.path));
  return override ? { ...error, override: override.text, message: `${error.message} (from --set ${override.text})` } : error;
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && (seen.add(e.message), true));
}

/** Adds the line and column of the error's path (or its nearest existing parent) in the source. */
function locate(error: ScenarioError, doc: Document, lineCounter: LineCounter): ScenarioError {
  if (error.line !== undefined || error.override !== undefined || error.path === '' || error.path.startsWith('--set')) return error;
  const segments: PathSegment[] = [];
  for (const m of error.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { ...error, line: pos.line, column: pos.col, message: `${error.message} (line ${pos.line})` };
    }
  }
  return error;
}
