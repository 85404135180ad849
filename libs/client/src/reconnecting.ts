import { HandlerError, LedgerHttpError, StreamEndedError } from './errors.js';
import type { StreamEnd } from './event-stream-reader.js';

export interface ReconnectOptions {
  /** Wait before the first reconnect; doubles on each failure in a row. Default 250 ms. */
  initialDelayMs?: number;
  /** Longest wait between reconnects. Default 10 s. */
  maxDelayMs?: number;
}

export interface Reconnecting {
  signal: AbortSignal;
  reconnect?: ReconnectOptions;
  /** One connection; resolves when the server ends it. `opened` is called once it was accepted. */
  connect(opened: () => void): Promise<StreamEnd>;
  /** An end after which reconnecting would be wrong (another consumer took over, the subscription is gone). */
  finalEnds?: readonly string[];
  onConnectionError?: (error: unknown, failuresInARow: number) => void;
}

/**
 * Connects, and connects again whenever the connection drops or the server restarts,
 * waiting longer after each failure in a row. Ends when the signal aborts, or with the
 * error that makes retrying pointless: a 4xx answer, a final end, a failing handler.
 */
export async function runReconnecting(options: Reconnecting): Promise<void> {
  const initial = options.reconnect?.initialDelayMs ?? 250;
  const max = options.reconnect?.maxDelayMs ?? 10_000;
  let failures = 0;
  while (!options.signal.aborted) {
    try {
      const end = await options.connect(() => {
        failures = 0;
      });
      if (options.finalEnds?.includes(end.reason)) throw new StreamEndedError(end.reason, end.message);
    } catch (error) {
      if (options.signal.aborted) return;
      const permanent =
        error instanceof HandlerError || error instanceof StreamEndedError || (error instanceof LedgerHttpError && error.permanent);
      if (permanent) throw error;
      options.onConnectionError?.(error, failures + 1);
    }
    failures += 1;
    // Jitter: a hundred consumers dropped by one restart do not all come back in the same millisecond.
    const delay = Math.min(max, initial * 2 ** Math.min(failures - 1, 20)) * (0.5 + Math.random() / 2);
    await sleep(delay, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
