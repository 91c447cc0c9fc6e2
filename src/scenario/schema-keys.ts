// Walks the zod schema alongside the input to tell which fields a mapping at a given path
// accepts, so an unknown field can be answered with the right list and a "did you mean".
import type { z } from 'zod';
import type { PathSegment } from './errors';

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  items?: AnySchema[];
  values?: unknown[];
}

function def(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Resolves wrappers and picks the union member that fits `value`. */
function resolve(schema: AnySchema, value: unknown): AnySchema {
  for (let guard = 0; guard < 32; guard++) {
    const d = def(schema);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) schema = d.innerType;
    else if (d.type === 'pipe' && d.in) schema = d.in;
    else if (d.type === 'union' && d.options) schema = pickOption(d, value);
    else return schema;
  }
  return schema;
}

function pickOption(d: Def, value: unknown): AnySchema {
  const options = d.options ?? [];
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (d.discriminator) {
    const wanted = record[d.discriminator];
    const match = options.find((o) => {
      const shape = def(resolve(o, undefined)).shape;
      const lit = shape?.[d.discriminator as string];
      return lit !== undefined && (def(lit).values ?? []).includes(wanted);
    });
    if (match) return match;
  }
  // Otherwise the object member sharing the most keys with the value.
  let best = options[0];
  let bestScore = -1;
  for (const o of options) {
    const shape = def(o).shape;
    if (!shape) continue;
    const score = Object.keys(record).filter((k) => k in shape).length;
    if (score > bestScore) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}

/** The schema of the field at `path` of `input`, unwrapped; null when the path leaves the schema. */
function schemaAt(root: AnySchema, input: unknown, path: readonly PathSegment[]): AnySchema | null {
  let schema = resolve(root, input);
  let value = input;
  for (const seg of path) {
    const d = def(schema);
    const next = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
    if (d.type === 'object' && d.shape && typeof seg === 'string' && d.shape[seg]) schema = d.shape[seg];
    else if (d.type === 'array' && d.element) schema = d.element;
    else if (d.type === 'tuple' && d.items && typeof seg === 'number' && d.items[seg]) schema = d.items[seg];
    else return null;
    value = next;
    schema = resolve(schema, value);
  }
  return schema;
}

/** The field names accepted by the mapping at `path` of `input` (empty when unknown). */
export function allowedKeysAt(root: AnySchema, input: unknown, path: readonly PathSegment[]): string[] {
  const schema = schemaAt(root, input, path);
  const shape = schema && def(schema).shape;
  return shape ? Object.keys(shape) : [];
}

/** Whether the field at `path` of `input` holds a list (`links`, `vms[0].disks`). */
export function isListAt(root: AnySchema, input: unknown, path: readonly PathSegment[]): boolean {
  const schema = schemaAt(root, input, path);
  return schema !== null && ['array', 'tuple'].includes(def(schema).type);
}
