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

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
