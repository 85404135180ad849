import type { Readable } from 'node:stream';

/**
 * Calls `onLine` with each complete line a child process writes. A line cut short (by a
 * kill, say) has no newline: it is held back, never handed on, since it was never fully
 * written.
 */
export function onCompleteLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  });
}
