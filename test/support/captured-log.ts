import { Writable } from 'node:stream';
import { createLedgerLogger, type LedgerLogger } from '../../apps/api/src/index.js';

/** A ledger logger writing into memory: the JSON lines a test reads back, and their raw text. */
export function capturedLog(level: 'debug' | 'info' = 'debug'): { logger: LedgerLogger; lines: () => Record<string, any>[]; text: () => string } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = createLedgerLogger({ level, destination });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, any>),
  };
}
