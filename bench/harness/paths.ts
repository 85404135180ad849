import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root: this file runs from dist/bench/harness/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const BENCH_DIR = join(REPO_ROOT, 'bench');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** A compiled bench script, for child processes (`workloads/rebuild.child.js`). */
export function compiledScript(relativeToBench: string): string {
  return fileURLToPath(new URL(`../${relativeToBench}`, import.meta.url));
}
