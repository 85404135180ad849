import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '#event-store';
import { activeLegalHolds, LEGAL_HOLDS_STREAM, releasedLegalHolds } from './active-legal-holds.js';
import { LegalHoldBook } from './legal-hold-book.js';

/** The store's clock reads what a test sets: recorded times are part of what is asserted. */
function storeAt(start: string) {
  let now = new Date(start);
  const store = new InMemoryEventStore({ clock: () => now });
  return { store, at: (instant: string) => (now = new Date(instant)) };
}

async function given(store: InMemoryEventStore, streamId: string): Promise<void> {
  const id = randomUUID();
  await store.append(streamId, [{ eventId: id, type: 'Something.v1', data: {}, metadata: { actor: 'analyst-1', commandId: id, correlationId: id, causationId: id } }], 'any');
}

const why = { reason: 'litigation hold (hypothetical)', reference: 'CASE-2026-014' };

describe('LegalHoldBook', () => {
  let store: InMemoryEventStore;
  let at: (instant: string) => void;
  let book: LegalHoldBook;
  beforeEach(async () => {
    ({ store, at } = storeAt('2026-01-05T09:00:00.000Z'));
    book = new LegalHoldBook(store, (partyId) => partyId === 'named-in-a-deal');
    await given(store, 'deal-caremag-2025');
    await given(store, 'party-jogmec');
  });

  it('places a hold on a deal, recorded as LegalHoldPlaced.v1 in admin-holds by the caller, in force since its commit', async () => {
    at('2026-01-06T10:00:00.000Z');
    const hold = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    expect(hold).toEqual({ holdId: expect.stringMatching(/^hold-[0-9a-f]{16}$/), scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why, placedAt: '2026-01-06T10:00:00.000Z', placedBy: 'admin-1' });
    const [event] = await store.readStream(LEGAL_HOLDS_STREAM);
    expect(event).toMatchObject({ type: 'LegalHoldPlaced.v1', data: { holdId: hold.holdId, scope: hold.scope, ...why }, metadata: { actor: 'admin-1' } });
    expect(await activeLegalHolds(store)).toEqual([hold]);
  });

  it('places a hold on a registered party or one a deal names, and on a recorded range kept as UTC instants', async () => {
    await book.place({ scope: { kind: 'party', partyId: 'jogmec' }, ...why }, 'admin-1');
    await book.place({ scope: { kind: 'party', partyId: 'named-in-a-deal' }, ...why }, 'admin-1');
    const range = await book.place({ scope: { kind: 'recorded', from: '2025-03-01', to: '2025-04-01T09:00:00+09:00' }, ...why }, 'admin-1');
    expect(range.scope).toEqual({ kind: 'recorded', from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' });
    expect((await activeLegalHolds(store)).map((h) => h.scope.kind)).toEqual(['party', 'party', 'recorded']);
  });

  it.each([
    [{ kind: 'deal', dealId: 'no-such-deal' }, 'DEAL.NOT_FOUND', 'scope.dealId'],
    [{ kind: 'deal', dealId: '$all' }, 'ID.INVALID', 'scope.dealId'],
    [{ kind: 'party', partyId: 'no-such-party' }, 'PARTY.NOT_FOUND', 'scope.partyId'],
    [{ kind: 'recorded', from: '2025-04-01', to: '2025-04-01T00:00:00Z' }, 'HOLD.EMPTY_RANGE', 'scope.to'],
    [{ kind: 'recorded', from: '2025-05-01', to: '2025-04-01' }, 'HOLD.EMPTY_RANGE', 'scope.to'],
    [{ kind: 'recorded', from: '2025-03-01T00:00:00', to: '2025-04-01' }, 'TIME.INVALID_TIMESTAMP', 'scope.from'],
    [{ kind: 'recorded', from: '2025-03-01', to: '2025-02-30' }, 'TIME.INVALID_TIMESTAMP', 'scope.to'],
  ] as const)('refuses %j (%s), writing nothing', async (scope, code, field) => {
    await expect(book.place({ scope: scope as never, ...why }, 'admin-1')).rejects.toMatchObject({ code, field });
    expect(await store.readStream(LEGAL_HOLDS_STREAM)).toEqual([]);
  });

  it('refuses a blank reason or reference, writing nothing', async () => {
    const scope = { kind: 'deal', dealId: 'caremag-2025' } as const;
    await expect(book.place({ scope, ...why, reason: '  ' }, 'admin-1')).rejects.toMatchObject({ code: 'VALUE.REQUIRED', field: 'reason' });
    await expect(book.place({ scope, ...why, reference: '' }, 'admin-1')).rejects.toMatchObject({ code: 'VALUE.REQUIRED', field: 'reference' });
    expect(await store.readStream(LEGAL_HOLDS_STREAM)).toEqual([]);
  });

  it('releases a hold in force: it leaves the holds in force and is listed released with who, when and why', async () => {
    const hold = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    const kept = await book.place({ scope: { kind: 'party', partyId: 'jogmec' }, ...why }, 'admin-1');
    at('2026-03-01T12:00:00.000Z');
    const released = await book.release(hold.holdId, 'the case settled', 'admin-2');
    expect(released).toEqual({ ...hold, releasedAt: '2026-03-01T12:00:00.000Z', releasedBy: 'admin-2', releaseReason: 'the case settled' });
    expect(await activeLegalHolds(store)).toEqual([kept]);
    expect(await releasedLegalHolds(store)).toEqual([released]);
    expect((await store.readStream(LEGAL_HOLDS_STREAM)).at(-1)).toMatchObject({ type: 'LegalHoldReleased.v1', data: { holdId: hold.holdId, reason: 'the case settled' }, metadata: { actor: 'admin-2' } });
  });

  it('refuses to release a hold never placed (404) or already released (409), writing nothing', async () => {
    const hold = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    await book.release(hold.holdId, 'done', 'admin-2');
    const before = await store.headPosition();
    await expect(book.release('hold-0000000000000000', 'done', 'admin-2')).rejects.toMatchObject({ code: 'HOLD.NOT_FOUND', kind: 'not_found', field: 'holdId' });
    await expect(book.release(hold.holdId, 'again', 'admin-3')).rejects.toMatchObject({ code: 'HOLD.ALREADY_RELEASED', kind: 'conflict', details: { releasedBy: 'admin-2' } });
    await expect(book.release(hold.holdId, ' ', 'admin-3')).rejects.toMatchObject({ code: 'VALUE.REQUIRED', field: 'reason' });
    expect(await store.headPosition()).toBe(before);
  });

  it('two admins releasing one hold at once: one release is recorded, the other is refused', async () => {
    const hold = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    const outcomes = await Promise.allSettled([book.release(hold.holdId, 'a', 'admin-2'), book.release(hold.holdId, 'b', 'admin-3')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'HOLD.ALREADY_RELEASED' } });
    expect((await store.readStream(LEGAL_HOLDS_STREAM)).filter((e) => e.type === 'LegalHoldReleased.v1')).toHaveLength(1);
  });

  it('the holds on a deal: on it, on one of its parties, or on a range in which one of its events was recorded', async () => {
    at('2026-02-10T00:00:00.000Z');
    await given(store, 'deal-caremag-2025');
    at('2026-03-01T00:00:00.000Z');
    const onDeal = await book.place({ scope: { kind: 'deal', dealId: 'caremag-2025' }, ...why }, 'admin-1');
    const onParty = await book.place({ scope: { kind: 'party', partyId: 'jogmec' }, ...why }, 'admin-1');
    const onRange = await book.place({ scope: { kind: 'recorded', from: '2026-02-10', to: '2026-02-11' }, ...why }, 'admin-1');
    await book.place({ scope: { kind: 'recorded', from: '2026-02-11', to: '2026-02-12' }, ...why }, 'admin-1');
    await book.place({ scope: { kind: 'party', partyId: 'named-in-a-deal' }, ...why }, 'admin-1');
    expect(await book.onDeal('caremag-2025', ['jogmec', 'iwatani'])).toEqual([onDeal, onParty, onRange]);
    expect(await book.onDeal('caremag-2025', [])).toEqual([onDeal, onRange]);
  });
});
