import type { Request, Response } from 'express';
import { HEARTBEAT_FRAME, RECONNECT_AFTER, endFrame, type EndReason } from './sse-frames.js';

export interface SseOptions {
  /** A comment line this often keeps idle connections (and proxies) from timing out. */
  heartbeatMs: number;
  /** What EventSource clients wait before reconnecting (the SSE `retry` field). */
  retryMs: number;
}

/**
 * One `text/event-stream` response. `write` waits while the socket's buffer is full, so
 * whoever feeds it stops reading until the client has taken what it was sent: a slow
 * client holds at most the socket buffer plus one batch here.
 */
export class SseConnection {
  private open = true;
  private drained: (() => void) | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    request: Request,
    private readonly response: Response,
    private readonly options: SseOptions,
  ) {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // Proxies that buffer responses (nginx) would hold the events back.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    request.socket.setNoDelay(true);
    response.write(`retry: ${options.retryMs}\n: connected\n\n`);
    response.on('drain', () => this.drained?.());
    response.on('close', () => this.markClosed());
    this.heartbeat = setInterval(() => {
      if (this.open && !response.writableNeedDrain) response.write(HEARTBEAT_FRAME);
    }, options.heartbeatMs);
    this.heartbeat.unref();
    // A client gone before the stream opened (while its start was looked up) fires no
    // 'close' for listeners added now: without this the stream would wait on it for ever.
    if (response.destroyed || request.socket.destroyed) this.markClosed();
  }

  get isOpen(): boolean {
    return this.open;
  }

  onClose(listener: () => void): void {
    if (this.open) this.closeListeners.push(listener);
    else listener();
  }

  /** Resolves once the chunk is handed to the socket with room to spare; false when the client is gone. */
  async write(chunk: string): Promise<boolean> {
    if (!this.open || this.response.destroyed) return false;
    if (this.response.write(chunk)) return true;
    await new Promise<void>((resolve) => {
      this.drained = resolve;
    });
    this.drained = undefined;
    return this.open;
  }

  /** Tells the client why the stream ends, then ends it. */
  end(reason: EndReason, message: string): void {
    if (!this.open) return;
    this.response.end(endFrame(reason, message, RECONNECT_AFTER.has(reason) ? this.options.retryMs : undefined));
    this.markClosed();
  }

  /** Ends it without a word: the client reconnects as from any drop. */
  close(): void {
    if (!this.open) return;
    this.response.end();
    this.markClosed();
  }

  private markClosed(): void {
    if (!this.open) return;
    this.open = false;
    clearInterval(this.heartbeat);
    this.drained?.();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
