import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Tests that run the compiled code in a child process fail clearly, rather than test
 * stale code, when dist/ is missing or older than a source under `dirs` (`npm test`
 * builds first).
 */
export function assertBuildIsCurrent(dirs: string[]): void {
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(path);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|e2e-spec|contract)\.ts$/.test(entry.name)) {
        const built = join(ROOT, 'dist', relative(ROOT, path).replace(/\.ts$/, '.js'));
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) stale.push(relative(ROOT, path));
      }
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  if (stale.length > 0) {
    throw new Error(`dist/ is missing or older than ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}: run \`npm run build\` first (\`npm test\` does)`);
  }
}
