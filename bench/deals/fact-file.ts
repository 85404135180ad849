import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FactLine } from './deal-facts.js';

/** Writes fact lines as a `ledger import` file (JSON Lines). */
export async function writeFactFile(file: string, lines: Iterable<FactLine>): Promise<number> {
  const out = createWriteStream(file, 'utf8');
  let count = 0;
  for (const line of lines) {
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}
