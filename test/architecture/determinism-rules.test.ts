// DESIGN.md § The kernel: no wall clock or unseeded randomness in the simulation layers,
// and imports point down only (kernel knows no domain; model knows no DOM, files or workers).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `file:line` of every line whose code (comments stripped) matches `pattern`. */
function linesMatching(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), n: i + 1 }))
      .filter(({ line }) => pattern.test(line))
      .map(({ n }) => `${relative(src, file)}:${n}`),
  );
}

const SIMULATION_LAYERS = ['kernel', 'model', 'metrics', 'scenario', 'units'];
const FORBIDDEN = /Math\.random|Date\.now|new Date\(|performance\.now|setTimeout|setInterval|requestAnimationFrame/;

describe('architecture rules', () => {
  it.each(SIMULATION_LAYERS)('src/%s reads no wall clock and no unseeded randomness', (layer) => {
    expect(linesMatching(filesUnder(join(src, layer)), FORBIDDEN)).toEqual([]);
  });

  it.each(SIMULATION_LAYERS)('src/%s uses no engine-dependent Math function (portable-math instead)', (layer) => {
    // Math.sin & co. differ by an ulp between engines (Chromium's V8 vs Node's): digests would too.
    const ENGINE_MATH = /Math\.(sin|cos|tan|exp|log|log2|log10|log1p|expm1|pow|acos|asin|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\(/;
    const files = filesUnder(join(src, layer)).filter((file) => !file.endsWith('portable-math.ts'));
    expect(linesMatching(files, ENGINE_MATH)).toEqual([]);
  });

  it.each([
    ['kernel', ['model', 'metrics', 'scenario', 'session', 'ui', 'cli', 'units']],
    ['units', ['kernel', 'model', 'metrics', 'scenario', 'session', 'ui', 'cli']],
    ['scenario', ['model', 'metrics', 'session', 'ui', 'cli', 'kernel']],
    ['model', ['metrics', 'session', 'ui', 'cli']],
    ['metrics', ['session', 'ui', 'cli']],
  ])('src/%s imports nothing from the layers above it', (layer, above) => {
    const offenders = filesUnder(join(src, layer as string)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)]
        .filter((m) => (above as string[]).some((a) => m[1].startsWith(`../${a}`)))
        .map((m) => `${relative(src, file)} imports ${m[1]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no simulation layer touches node: modules (they must run in a Web Worker too)', () => {
    const offenders = SIMULATION_LAYERS.flatMap((layer) =>
      filesUnder(join(src, layer)).filter((file) => /from 'node:/.test(readFileSync(file, 'utf8'))).map((f) => relative(src, f)),
    );
    expect(offenders).toEqual([]);
  });
});
