// `--set PATH=VALUE` overrides on the parsed file, before validation: path segments are
// field names, list indices, or the `id` of a list element (`links.wan.bandwidth=50Mbps`).
import { parse as parseYaml } from 'yaml';
import { describeFound, formatPath, makeError, type PathSegment, type ScenarioError } from './errors';

type Json = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Json {
  return v !== null && typeof v === 'object';
}

/** One override that was applied: the field it set (`links[0].bandwidth`) and the `--set` text. */
export interface AppliedOverride {
  path: string;
  text: string;
}

/** Tells whether the field at a path holds a list (a missing list cannot be made up from ids). */
export type IsList = (path: readonly PathSegment[]) => boolean;

/** Applies every override in order to `root` (mutated); returns the problems, if any, and what was set. */
export function applyOverrides(
  root: unknown,
  overrides: readonly string[],
  isList: IsList = () => false,
): { errors: ScenarioError[]; applied: AppliedOverride[] } {
  const errors: ScenarioError[] = [];
  const applied: AppliedOverride[] = [];
  for (const text of overrides) {
    const eq = text.indexOf('=');
    if (eq <= 0) {
      errors.push(makeError(`--set ${text}`, JSON.stringify(text), 'PATH=VALUE, e.g. links.wan.bandwidth=50Mbps'));
      continue;
    }
    const pathText = text.slice(0, eq).trim();
    let value: unknown;
    try {
      value = parseYaml(text.slice(eq + 1));
    } catch {
      value = text.slice(eq + 1);
    }
    const outcome = setAt(root, pathText.split('.'), value, isList);
    if ('path' in outcome) applied.push({ path: formatPath(outcome.path), text });
    else errors.push(makeError(`--set ${pathText}`, outcome.found, outcome.expected));
  }
  return { errors, applied };
}

type SetOutcome = { path: PathSegment[] } | { found: string; expected: string };

/** Sets the value at `segments`; returns the concrete path it set (ids replaced by indices) or the problem. */
function setAt(root: unknown, segments: string[], value: unknown, isList: IsList): SetOutcome {
  const path: PathSegment[] = [];
  if (!isContainer(root)) return { found: 'a file that is not a mapping', expected: 'a scenario' };
  let node: Json = root;
  let i = 0;
  while (i < segments.length) {
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const list: unknown[] = node;
      // An id may itself contain dots: take the longest run of segments naming an element.
      let index = -1;
      let used = 0;
      for (let j = segments.length; j > i && index < 0; j--) {
        const id = segments.slice(i, j).join('.');
        index = list.findIndex((el) => isContainer(el) && !Array.isArray(el) && el.id === id);
        used = j - i;
      }
      if (index < 0 && /^\d+$/.test(segments[i])) {
        index = Number(segments[i]);
        used = 1;
        if (index >= list.length) return { found: `index ${index}`, expected: `an index below ${list.length}` };
      }
      if (index < 0) {
        const ids = list.map((el) => (isContainer(el) && !Array.isArray(el) ? el.id : undefined)).filter((x) => x !== undefined);
        return { found: `no element "${segments[i]}" in ${segments.slice(0, i).join('.') || 'the file'}`, expected: `an id (${ids.join(', ')}) or an index` };
      }
      i += used;
      path.push(index);
      if (i === segments.length) {
        list[index] = value;
        return { path };
      }
      const next = list[index];
      if (!isContainer(next)) return { found: `${segments.slice(0, i).join('.')}, which is not a mapping or list`, expected: 'a path to a field' };
      node = next;
    } else {
      const key = segments[i];
      path.push(key);
      if (last) {
        node[key] = value;
        return { path };
      }
      const next = node[key];
      if (next === undefined && isList(path)) {
        return { found: `no ${formatPath(path)} in the file`, expected: `a path through what the file has (add ${formatPath(path)} to the file first)` };
      }
      if (next !== undefined && !isContainer(next)) {
        return { found: `${formatPath(path)}, which is ${describeFound(next)}, not a mapping or list`, expected: 'a path to a field' };
      }
      if (next === undefined) node[key] = {};
      node = node[key] as Json;
      i++;
    }
  }
  return { path };
}
