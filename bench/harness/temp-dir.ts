import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Scratch space on the real disk (os.tmpdir() is on the root file system here, not tmpfs,
 * so fsync costs what it costs), removed when the run ends.
 */
export class ScratchSpace {
  readonly root = mkdtempSync(join(tmpdir(), 'deal-ledger-bench-'));
  private count = 0;

  /** A fresh path under the scratch root. */
  path(name: string): string {
    return join(this.root, `${++this.count}-${name}`);
  }

  /** Removes a file written under the scratch root early (large stores), with its WAL and shared-memory files. */
  removePath(file: string): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
