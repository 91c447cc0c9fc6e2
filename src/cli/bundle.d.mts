// Types of bundle.mjs (plain JavaScript: it runs before any TypeScript can).
export interface BundleOptions {
  /** The directory `entry` and the bundle's inputs are relative to (default: the repository). */
  root?: string;
  /** Where bundles and their manifests are kept (default: node_modules/.cache/drsim under root). */
  cacheDir?: string;
}
export function bundleOf(entry: string, name: string, options?: BundleOptions): Promise<string>;
export function runBundled(entry: string, name: string): Promise<void>;
