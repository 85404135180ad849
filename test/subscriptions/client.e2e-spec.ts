import { LedgerClient, type LedgerEvent } from '#client';
import { appendLoad } from './support/load.js';
import { until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

describe('the TypeScript client', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it('stops at a handler that throws, and a new subscription from its position resumes with the failed event', async () => {
    const positions = (await appendLoad(ledger.runtime.store, { events: 20, writers: 1, batch: 20, prefix: 'handler' })).map(String);
    const handled: string[] = [];
    const first = ledger.client().subscribe({
      filter: { dealIds: ['handler-0'] },
      handler: (event: LedgerEvent) => {
        if (event.position === positions[12]) throw new Error('downstream is down');
        handled.push(event.position);
      },
    });
    await expect(first.done).rejects.toMatchObject({ name: 'HandlerError', event: { position: positions[12] } });
    expect(handled).toEqual(positions.slice(0, 12));
    expect(first.position).toBe(positions[11]);

    const second = ledger.client().subscribe({ filter: { dealIds: ['handler-0'] }, from: first.position, handler: (event) => void handled.push(event.position) });
    await until(() => handled.length >= 20);
    await second.stop();
    expect(handled).toEqual(positions);
  });

  it('gives up on a request the ledger refuses (an unknown type), with its code', async () => {
    const subscription = ledger.client().subscribe({ filter: { types: ['Nope.v1' as never] }, handler: () => undefined });
    await expect(subscription.done).rejects.toMatchObject({ name: 'LedgerHttpError', status: 400, code: 'SUBSCRIPTION.UNKNOWN_EVENT_TYPE', permanent: true });
  });

  it('keeps trying while the ledger cannot be reached, reporting each failure, until stopped', async () => {
    const failures: number[] = [];
    // Port 9 (discard): nothing listens there on a test machine.
    const unreachable = new LedgerClient({ baseUrl: 'http://127.0.0.1:9', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } });
    const offline = unreachable.subscribe({ handler: () => undefined, onConnectionError: (_error, inARow) => void failures.push(inARow) });
    await until(() => failures.length >= 3);
    await offline.stop();
    expect(failures.slice(0, 3)).toEqual([1, 2, 3]);
    await expect(offline.done).resolves.toBeUndefined();
  });
});
