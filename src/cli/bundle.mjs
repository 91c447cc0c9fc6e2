// Runs a TypeScript entry point (the `drsim` command line, the benchmarks) as one CommonJS
// bundle built by esbuild, rather than module by module through a TypeScript loader.
//
// Why: on the Node this project targets (20, V8 11), optimised code reaches an ES module's
// imported bindings and top-level declarations more slowly than the plain variables of one
// function scope. The same simulator run as one bundle executes about a tenth fewer
// instructions (`hyperv-site`, 2 days under valgrind: 15.6 G bundled, 17.1 G as an ES module
// bundle); the results are identical.
//
// The bundle is cached under node_modules/.cache/drsim with a manifest of the files it was
// built from (size and modification time of each, from esbuild's metafile): any change to
// one of them rebuilds it. Files are written under a temporary name and renamed, so runs
// started together never read a partial bundle.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function defaultCacheDir(root) {
  for (const dir of [join(root, 'node_modules', '.cache', 'drsim'), join(tmpdir(), 'drsim-cache')]) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch {
      // not writable: try the next place
    }
  }
  throw new Error('drsim: no writable cache directory for the bundle');
}

/** A file's stats, or null when it is gone. */
function statOf(file) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function stamp(s) {
  return `${s.size}:${s.mtimeMs}`;
}

/** The bundle the manifest names, if every file it was built from is unchanged. */
function upToDate(manifestFile) {
  if (!existsSync(manifestFile)) return null;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (!existsSync(manifest.bundle)) return null;
    for (const [file, was] of Object.entries(manifest.inputs)) {
      const s = statOf(file);
      if (s === null || stamp(s) !== was) return null;
    }
    return manifest.bundle;
  } catch {
    return null;
  }
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * The path of an up-to-date CommonJS bundle of `entry` (a path from `root`, by default the
 * repository's), named `name-HASH.cjs` in `cacheDir`.
 */
export async function bundleOf(entry, name, { root = repositoryRoot, cacheDir } = {}) {
  const dir = cacheDir ?? defaultCacheDir(root);
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const manifestFile = join(dir, `${name}.json`);
  const cached = upToDate(manifestFile);
  if (cached) return cached;
  const startedMs = Date.now();
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const bundle = join(dir, `${name}-${hash}.cjs`);
  if (!existsSync(bundle)) writeAtomically(bundle, code);
  // A file edited while the build read it is recorded as changed: the next run rebuilds.
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(root, input);
    const s = statOf(file);
    if (s !== null) inputs[file] = s.mtimeMs >= startedMs ? 'edited during the build' : stamp(s);
  }
  writeAtomically(manifestFile, JSON.stringify({ bundle, inputs }));
  removeOldBundles(dir, name, bundle);
  return bundle;
}

/** Bundles of `name` built from older sources, left for a while in case a run started from one just now. */
function removeOldBundles(dir, name, keep) {
  const hourAgo = Date.now() - 3_600_000;
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    if (path === keep || !file.startsWith(`${name}-`) || !file.endsWith('.cjs')) continue;
    try {
      if (statSync(path).mtimeMs < hourAgo) unlinkSync(path);
    } catch {
      // another run removed it first
    }
  }
}

/** Builds (or reuses) the bundle of `entry` and runs it in this process. */
export async function runBundled(entry, name) {
  const bundle = await bundleOf(entry, name);
  createRequire(import.meta.url)(bundle);
}
