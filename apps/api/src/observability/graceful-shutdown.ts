import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventStreams } from '../subscriptions/event-streams.js';
import { ShutdownState } from './shutdown-state.js';

/** How often idle keep-alive connections are closed while in-flight requests finish. */
const IDLE_SWEEP_MS = 50;

export interface DrainOutcome {
  /** Event streams ended with a reconnect hint. */
  streamsEnded: number;
  /** True when the grace ran out and the last connections were cut. */
  forced: boolean;
}

/**
 * The HTTP side of a graceful shutdown, before the app and the stores close: readiness turns
 * 503, the port stops accepting, event streams end with a `shutdown` event and a `retry`
 * hint, and requests under way (a command being appended, a read) finish and are answered.
 * A keep-alive connection is closed as soon as it has no request, so no new one can start
 * on it. Past `graceMs` whatever is still open is cut: the caller then closes the stores.
 */
export async function drainHttpApp(app: INestApplication, graceMs: number, log?: Logger): Promise<DrainOutcome> {
  app.get(ShutdownState).begin();
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const streamsEnded = app.get(EventStreams, { strict: false }).endAll();
  log?.info({ streamsEnded, graceMs }, 'Shutting down: no new connections; finishing the requests under way');
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), graceMs);
  });
  try {
    const forced = await Promise.race([closed.then(() => false as const), graceOver]);
    if (forced) {
      log?.warn({ graceMs }, 'Shutting down: requests still under way after the grace period were cut');
      server.closeAllConnections();
      await closed;
    }
    return { streamsEnded, forced };
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}
