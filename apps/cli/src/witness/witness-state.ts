import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a refusal leaves behind: enough for someone else to check the witness's alarm. */
export interface Evidence {
  reason: string;
  /** The checkpoint the witness had cosigned before. */
  cosigned?: string;
  /** The checkpoint the ledger offered instead. */
  offered: string;
  /** The consistency proof the ledger gave between them, if it gave one. */
  proof?: unknown;
}

/**
 * A witness's memory, one folder per log (by origin): the latest checkpoint it verified and
 * cosigned. C2SP witnesses keep exactly that, and it is all they need: every new checkpoint
 * must extend it.
 */
export class WitnessState {
  private readonly dir: string;

  constructor(root: string, origin: string) {
    this.dir = join(root, createHash('sha256').update(origin).digest('hex').slice(0, 16));
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, 'origin'), `${origin}\n`);
  }

  /** The latest checkpoint note cosigned, or undefined before the first. */
  latest(): string | undefined {
    try {
      return readFileSync(join(this.dir, 'latest.checkpoint'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Replaces the latest checkpoint atomically: a crash leaves the old one or the new one. */
  saveLatest(note: string): void {
    const file = join(this.dir, 'latest.checkpoint');
    writeFileSync(`${file}.tmp`, note, { flag: 'w' });
    renameSync(`${file}.tmp`, file);
  }

  /** Keeps a refusal's evidence in its own folder; returns it. */
  keepEvidence(evidence: Evidence, at: Date): string {
    const dir = join(this.dir, `refused-${at.toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reason.txt'), `${evidence.reason}\n`);
    writeFileSync(join(dir, 'offered.checkpoint'), evidence.offered);
    if (evidence.cosigned !== undefined) writeFileSync(join(dir, 'cosigned.checkpoint'), evidence.cosigned);
    if (evidence.proof !== undefined) writeFileSync(join(dir, 'consistency-proof.json'), `${JSON.stringify(evidence.proof, null, 2)}\n`);
    return dir;
  }
}
