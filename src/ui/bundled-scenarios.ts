// The sample scenarios of `scenarios/` and their trace files, bundled into the app by Vite.
const yamlFiles = import.meta.glob('/scenarios/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const traceFiles = import.meta.glob('/scenarios/**/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledScenario {
  name: string;
  text: string;
}

export const bundledScenarios: BundledScenario[] = Object.entries(yamlFiles)
  .map(([path, text]) => ({ name: path.replace(/^\/scenarios\//, '').replace(/\.(ya?ml|json)$/, ''), text }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Trace CSVs keyed by their path relative to `scenarios/`. */
export const bundledFiles: Record<string, string> = Object.fromEntries(
  Object.entries(traceFiles).map(([path, text]) => [path.replace(/^\/scenarios\//, ''), text]),
);
