import { LedgerHttpError } from './errors.js';
import { SseParser, type SseMessage } from './sse-parser.js';

export interface StreamEnd {
  /** Why the server ended it (`shutdown`, `replaced`, `deleted`, `error`), or `closed` when it just closed. */
  reason: string;
  message: string;
}

export interface StreamRequest {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  fetch: typeof fetch;
  /** Called once the server accepted the stream (200). */
  onOpen?: () => void;
}

/**
 * Opens one `text/event-stream` response and hands each event to `onMessage`, awaiting it
 * before reading on: a slow handler leaves the rest in the socket, and the server stops
 * sending (it catches up from the store later). Resolves when the server ends the stream.
 */
export async function readEventStream(request: StreamRequest, onMessage: (message: SseMessage) => Promise<void>): Promise<StreamEnd> {
  const response = await request.fetch(request.url, {
    headers: { Accept: 'text/event-stream', ...request.headers },
    signal: request.signal,
  });
  if (!response.ok || response.body === null) {
    const body = await response.json().catch(() => undefined);
    throw new LedgerHttpError(response.status, body as never);
  }
  request.onOpen?.();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { reason: 'closed', message: 'The server closed the stream' };
      for (const message of parser.push(decoder.decode(value, { stream: true }))) {
        if (message.event === 'end') return endOf(message.data);
        await onMessage(message);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function endOf(data: string): StreamEnd {
  try {
    const { reason, message } = JSON.parse(data) as Partial<StreamEnd>;
    return { reason: String(reason ?? 'closed'), message: String(message ?? '') };
  } catch {
    return { reason: 'closed', message: data };
  }
}
