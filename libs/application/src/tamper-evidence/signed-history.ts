import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { FormatError, parseCheckpoint, parseSignedNote, type Checkpoint } from '#verifier';

/** `checkpoint-signing-key.pem` → `checkpoint-signing-key.pem.last-checkpoint`, beside it. */
export function signedHistoryFileOf(keyFile: string): string {
  return `${keyFile}.last-checkpoint`;
}

/**
 * The last checkpoint a key signed, kept beside the key rather than with the log: the key's
 * own memory. Whoever deletes the proofs file (to have a rewritten log signed afresh) finds
 * the signer still remembers what it signed, unless they can also write where the key is,
 * which is as much as holding the key. Undefined file: a key that lives in this process only.
 */
export class SignedHistory {
  constructor(private readonly file: string | undefined) {}

  latest(): Checkpoint | undefined {
    if (!this.file) return undefined;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return parseCheckpoint(parseSignedNote(text).text);
    } catch (error) {
      if (error instanceof FormatError) throw new Error(`${this.file} is not a signed checkpoint (${error.message}): the signer's memory was damaged`);
      throw error;
    }
  }

  /** Keeps `note` if it is larger than what is kept; written whole or not at all. */
  record(note: string): void {
    if (!this.file) return;
    const size = parseCheckpoint(parseSignedNote(note).text).treeSize;
    if ((this.latest()?.treeSize ?? -1) >= size) return;
    writeFileSync(`${this.file}.tmp`, note, { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
