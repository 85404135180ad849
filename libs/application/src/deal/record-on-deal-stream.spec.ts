import { DEFAULT_EFFECTIVE_WINDOW, dealStreamName, type DealCommand } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { investment, registered } from '../../../domain/src/deal/testing/caremag.js';
import type { CommandContext } from '../command-context.js';
import { recordInBatch, type BulkOutcome } from './bulk-record.js';
import { recordDealCommand } from './record-on-deal-stream.js';
import { analystContext } from '../testing/command-context.js';

const settings = { maxConflictRetries: 5, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };
const register: DealCommand = { type: 'RegisterDeal', ...registered };
const contextOf = (commandId: string, more: Partial<CommandContext> = {}) => analystContext(commandId, '2026-01-05T09:00:00.000Z', more);
const announceEffective = (effectiveAt: string): DealCommand => ({
  type: 'AnnounceInvestment',
  dealId: registered.dealId,
  ...investment,
  amount: { ...investment.amount, effectiveAt },
});

describe('a deal command is held to the moment it was received', () => {
  it('refuses a report dated after it, writing nothing', async () => {
    const store = new InMemoryEventStore();
    // 2025-03-17 has not begun anywhere on Earth: in UTC+14 it is 23:00 on the 16th.
    const received = contextOf('register', { receivedAt: '2025-03-16T09:00:00.000Z' });
    await expect(recordDealCommand(store, register, received, settings)).rejects.toMatchObject({
      code: 'TIME.REPORTED_AFTER_RECORDING',
      field: 'source.publishedAt',
    });
    expect(await store.headPosition()).toBe(0);
  });

  it('keeps an override’s reason in the metadata of every event it let through', async () => {
    const store = new InMemoryEventStore();
    await recordDealCommand(store, register, contextOf('register'), settings);
    const reason = 'the concession dates from 1936, as the decree states';
    await recordDealCommand(store, announceEffective('1936-05-01'), contextOf('announce', { plausibilityOverride: { reason } }), settings);
    const [, announced] = await store.readStream(dealStreamName(registered.dealId));
    expect(announced).toMatchObject({ type: 'InvestmentAnnounced.v2', metadata: { commandId: 'announce', plausibilityOverride: { reason } } });
    expect(JSON.stringify(announced!.data)).not.toContain(reason);
  });

  it('in a bulk import alike: the line outside the window is refused, the others recorded', async () => {
    const store = new InMemoryEventStore();
    const items = [
      { command: register, context: contextOf('register') },
      { command: announceEffective('1800-01-01'), context: contextOf('announce') },
    ];
    const refuseAlone = async (): Promise<BulkOutcome> => ({ ok: false, error: new Error('not expected') });
    const outcomes = await recordInBatch(store, items, { effectiveWindow: DEFAULT_EFFECTIVE_WINDOW }, refuseAlone);
    expect(outcomes[0]).toMatchObject({ ok: true, eventCount: 1 });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE', field: 'amount.effectiveAt' } });
    expect(await store.headPosition()).toBe(1);
  });
});
