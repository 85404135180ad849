import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckpointToVerify, CheckpointWithHeads } from '#event-store';

/** Checkpoint files are pretty JSON, so that a person can read what was signed. */
export function renderCheckpointFile(checkpoint: CheckpointWithHeads): string {
  return `${JSON.stringify(checkpoint, null, 2)}\n`;
}

/** Writes `<dir>/<position>.json`; returns its path. */
export function writeCheckpointFile(dir: string, checkpoint: CheckpointWithHeads): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${checkpoint.position}.json`);
  writeFileSync(file, renderCheckpointFile(checkpoint));
  return file;
}

/**
 * Every `*.json` in the checkpoint directory (none if it does not exist), oldest first.
 * A file that is not JSON is passed on as it is: verification reports it as malformed.
 */
export function readCheckpointDir(dir: string): CheckpointToVerify[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const position = (name: string) => Number.parseInt(name, 10);
  return names.sort((a, b) => position(a) - position(b)).map((name) => readCheckpointFile(join(dir, name)));
}

export function readCheckpointFile(file: string): CheckpointToVerify {
  const text = readFileSync(file, 'utf8');
  try {
    return { checkpoint: JSON.parse(text), source: file };
  } catch {
    return { checkpoint: text, source: file };
  }
}
