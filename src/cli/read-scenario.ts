// Reads and validates a scenario file from disk for the CLI, resolving trace CSVs beside it.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadScenario, type LoadResult } from '../scenario';

export function readScenarioFile(file: string, overrides: readonly string[] = []): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const found = code === 'ENOENT' ? 'no such file' : `a file that cannot be read (${code ?? 'error'})`;
    const expected = 'a scenario file (.yaml, .yml or .json)';
    return { ok: false, errors: [{ path: '', found, expected, message: `found ${found}, expected ${expected}` }] };
  }
  const dir = dirname(resolve(file));
  return loadScenario(text, {
    fileName: basename(file).replace(/\.(ya?ml|json)$/i, ''),
    overrides,
    readFile: (relativePath) => readFileSync(resolve(dir, relativePath), 'utf8'),
  });
}
