import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { SseParser, type SseMessage } from '#client';
import { bearer, WRITER_KEY } from '../../support/test-ledger.js';

/**
 * A bare SSE connection over node:http: the test decides when it reads (pause/resume)
 * and when it dies (destroy), which fetch does not let it do. It connects as analyst-1
 * (the test ledger's admin key) unless `headers` carry another Authorization.
 */
export interface RawStream {
  response: IncomingMessage;
  request: ClientRequest;
  parser: SseParser;
  /** Every event received (only their ids with `idsOnly`, to keep a long stream's data off the heap). */
  messages: SseMessage[];
  /** Resolves when the connection ends, whoever ends it. */
  ended: Promise<void>;
  destroy(): void;
}

export function openRawStream(
  url: string,
  headers: Record<string, string> = {},
  onMessage?: (message: SseMessage, stream: RawStream) => void,
  options: { idsOnly?: boolean } = {},
): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { Accept: 'text/event-stream', ...bearer(WRITER_KEY), ...headers } });
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => reject(Object.assign(new Error(`${response.statusCode} ${body}`), { status: response.statusCode, body })));
        return;
      }
      const parser = new SseParser();
      const stream: RawStream = {
        response,
        request,
        parser,
        messages: [],
        ended: new Promise((done) => response.once('close', () => done())),
        destroy: () => request.destroy(),
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        for (const message of parser.push(chunk)) {
          stream.messages.push(options.idsOnly ? { id: message.id, event: message.event, data: '' } : message);
          onMessage?.(message, stream);
        }
      });
      // A destroyed request ends with an error on purpose; nothing to report.
      response.on('error', () => undefined);
      request.removeListener('error', reject);
      request.on('error', () => undefined);
      resolve(stream);
    });
    request.end();
  });
}

/** Resolves once `predicate` holds, checking every few milliseconds (rejects after `ms`: a guard, not an assertion). */
export async function until(predicate: () => boolean | Promise<boolean>, ms = 30_000, what = 'the condition'): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
