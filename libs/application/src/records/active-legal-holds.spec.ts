import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { activeLegalHolds, releasedLegalHolds } from './active-legal-holds.js';
import { LegalHoldBook } from './legal-hold-book.js';

/**
 * Two store objects on one SQLite file stand for two processes (a server and a CLI): what one
 * records, the other's next call of activeLegalHolds sees, though it keeps its fold between calls.
 */
describe('activeLegalHolds across two stores on one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legal-holds-'));
  let server: SqliteEventStore;
  let other: SqliteEventStore;
  beforeAll(async () => {
    server = await SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    other = await SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    const id = randomUUID();
    await server.append('deal-caremag-2025', [{ eventId: id, type: 'Something.v1', data: {}, metadata: { actor: 'a', commandId: id, correlationId: id, causationId: id } }], 'any');
  });
  afterAll(async () => {
    await server.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees each placing and release made through the other store, and never hands out a list another caller can change', async () => {
    expect(await activeLegalHolds(server)).toEqual([]);
    const book = new LegalHoldBook(other);
    const why = { reason: 'r', reference: 'CASE-1' };
    const first = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    expect(await activeLegalHolds(server)).toEqual([first]);
    const second = await book.place({ scope: { kind: 'recorded', from: '2025-01-01', to: '2025-02-01' }, ...why }, 'admin-1');
    await book.release(first.holdId, 'done', 'admin-2');
    expect(await activeLegalHolds(server)).toEqual([second]);
    expect((await releasedLegalHolds(server)).map((h) => [h.holdId, h.releasedBy])).toEqual([[first.holdId, 'admin-2']]);

    (await activeLegalHolds(server)).splice(0);
    expect(await activeLegalHolds(server)).toEqual([second]);
    const [shared] = await activeLegalHolds(server);
    expect(() => {
      (shared as { reason: string }).reason = 'changed';
    }).toThrow(TypeError);
  });
});
