import type { Socket } from 'node:net';
import type { LedgerEvent } from '#client';
import { appendLoad } from './support/load.js';
import { openRawStream, until, type RawStream } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

const KILLS = 20;
const EVENTS = 3_000;

/** A random integer in [min, max]. */
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

describe('a subscriber whose connection dies again and again while events are appended', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it(`killed ${KILLS} times at random points and resumed with Last-Event-ID: no event lost, none duplicated`, async () => {
    const received: string[] = [];
    let kills = 0;
    let current: RawStream | undefined;

    // Each connection takes a random number of events, then the client drops it in the
    // middle of whatever chunk it is reading: what arrived after the last complete event
    // is lost with the connection, as in a crash.
    const dealIds = Array.from({ length: 4 }, (_, w) => `resume-${w}`).join(',');
    const connect = async (): Promise<void> => {
      const killHere = kills < KILLS;
      const budget = between(1, 100);
      let taken = 0;
      let dead = false;
      const headers: Record<string, string> = received.length > 0 ? { 'Last-Event-ID': received.at(-1)! } : {};
      current = await openRawStream(`${ledger.url}/subscriptions/events?from=start&dealId=${dealIds}`, headers, (message, stream) => {
        if (dead) return;
        received.push(message.id);
        taken += 1;
        if (killHere && taken === budget) {
          dead = true;
          kills += 1;
          stream.destroy();
        }
      });
      await current.ended;
    };

    const appended = appendLoad(ledger.runtime.store, { events: EVENTS, writers: 4, batch: 3, prefix: 'resume' });
    const reconnecting = (async () => {
      while (kills < KILLS) await connect();
    })();
    const positions = await appended;
    await reconnecting;
    // The last connection reads to the end.
    void connect();
    await until(() => received.length >= positions.length, 30_000, 'every event');
    current?.destroy();

    expect(kills).toBe(KILLS);
    expect(received.length).toBe(positions.length);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(positions.map(String));
  });

  it('the client reconnects by itself when the server drops it, and hands every event to the handler once, in order', async () => {
    const sockets = new Set<Socket>();
    const server = ledger.app.getHttpServer();
    const track = (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    };
    server.on('connection', track);
    const handled: string[] = [];
    const reconnects: unknown[] = [];
    const subscription = ledger.client().subscribe({
      filter: { dealIds: ['drop-0', 'drop-1'] },
      handler: (event: LedgerEvent) => void handled.push(event.position),
      onConnectionError: (error) => reconnects.push(error),
    });

    let drops = 0;
    const positions = await appendLoad(ledger.runtime.store, {
      events: 1_000,
      writers: 2,
      batch: 4,
      prefix: 'drop',
      between: () => {
        if (drops < KILLS && Math.random() < 0.2) {
          drops += 1;
          for (const socket of sockets) socket.destroy();
        }
      },
    });
    await until(() => handled.length >= positions.length, 30_000, 'every event handled');
    await subscription.stop();
    server.off('connection', track);

    expect(drops).toBe(KILLS);
    expect(reconnects.length).toBeGreaterThan(0);
    expect(handled).toEqual(positions.map(String));
    expect(subscription.position).toBe(String(positions.at(-1)));
  });
});
