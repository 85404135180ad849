import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A filesystem of a few megabytes (tmpfs) that a test can fill and free again, the way a
 * ledger's disk fills in production. Mounting needs root (CI runs as root); elsewhere
 * `mountSmallFilesystem` says why it cannot, and the suite is skipped with that reason.
 */
export interface SmallFilesystem {
  dir: string;
  /** Writes a filler file until the filesystem has no space left. */
  fill(): void;
  /** Removes the filler: the space is free again. */
  free(): void;
  unmount(): void;
}

export function mountSmallFilesystem(sizeMb: number): SmallFilesystem | { unavailable: string } {
  if (process.platform !== 'linux') return { unavailable: `tmpfs needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { unavailable: 'mounting a tmpfs needs root (run the tests as root, as CI does)' };
  const dir = mkdtempSync(join(tmpdir(), 'deal-ledger-small-fs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `mount -t tmpfs failed: ${(mounted.stderr || mounted.error?.message || '').trim()}` };
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial chunk: write byte by byte what is left.
        try {
          for (;;) writeSync(fd, chunk, 0, 1);
        } catch {
          /* full */
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
