import { randomUUID } from 'node:crypto';
import { DEFAULT_EFFECTIVE_WINDOW, recordsStreamName, type DealCommand } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { FACTS_AS_REPORTED } from '../../../../domain/src/deal/testing/caremag.js';
import { TEST_NOW } from '../../../../domain/src/deal/testing/decision-context.js';
import { recordDealCommand } from '../../deal/record-on-deal-stream.js';
import type { LegalHold } from '../legal-hold.js';
import { disposeRecords } from '../retention/dispose-records.js';
import { DEFAULT_RETENTION_SCHEDULE } from '../retention/retention-schedule.js';
import { applyRecordedErasures, erasePersonalData } from './erase-personal-data.js';
import { forgetDisposedNames } from './forget-disposed-names.js';
import { PersonalDataSealer } from './personal-data-sealer.js';
import { InMemoryPersonalDataVault, searchNames } from './personal-data-vault.js';

const register = FACTS_AS_REPORTED[0]!.command as Extract<DealCommand, { type: 'RegisterDeal' }>;
const named = (dealId: string): DealCommand => ({ ...register, dealId, source: { ...register.source, attribution: 'Yuka Obayashi' } });
const hold = (scope: LegalHold['scope']): LegalHold => ({ holdId: 'hold-1', scope, reason: 'litigation', reference: 'case 42', placedAt: TEST_NOW, placedBy: 'admin-1' });

describe('erasing a subject', () => {
  let store: InMemoryEventStore;
  let vault: InMemoryPersonalDataVault;
  let subject: string;
  let holds: LegalHold[];
  const erase = (reason = 'GDPR Art. 17 request 7') => erasePersonalData({ store, vault, holds: async () => holds }, { subject, reason }, 'admin-1');

  beforeEach(async () => {
    store = new InMemoryEventStore();
    vault = new InMemoryPersonalDataVault();
    holds = [];
    const settings = { maxConflictRetries: 3, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW, personalData: new PersonalDataSealer(vault, () => new Date(TEST_NOW)) };
    for (const dealId of ['deal-one', 'deal-two']) {
      const commandId = randomUUID();
      await recordDealCommand(store, named(dealId), { actor: 'analyst-1', commandId, correlationId: commandId, causationId: commandId, receivedAt: TEST_NOW }, settings);
    }
    subject = searchNames(vault, 'Obayashi')[0]!.commitment;
  });

  it('records the erasure (without the name) in the published records stream, naming the events to read again, and destroys the name', async () => {
    const erasure = await erase();
    expect(erasure).toMatchObject({ subject, reason: 'GDPR Art. 17 request 7', streams: ['deal-deal-one', 'deal-deal-two'] });
    const [recorded, ...others] = await store.readStream('records-personal-data');
    expect(others).toEqual([]);
    const naming = [...(await store.readStream('deal-deal-one')), ...(await store.readStream('deal-deal-two'))].map((event) => event.eventId);
    expect(recorded).toMatchObject({
      type: 'PersonalDataErased.v1',
      eventId: erasure.erasureId,
      data: { subject, reason: 'GDPR Art. 17 request 7', streams: ['deal-deal-one', 'deal-deal-two'], eventIds: naming },
      metadata: expect.objectContaining({ actor: 'admin-1' }),
    });
    expect(naming).toHaveLength(2);
    expect(JSON.stringify(recorded)).not.toContain('Obayashi');
    expect(vault.entries([subject]).get(subject)).toMatchObject({ erasure: { erasedAt: recorded!.recordedAt, erasureId: recorded!.eventId } });
    expect(vault.entries([subject]).get(subject)?.name).toBeUndefined();
  });

  it.each([
    ['a deal', { kind: 'deal', dealId: 'deal-two' }],
    ['a party of the deal', { kind: 'party', partyId: register.parties[0]!.partyId }],
    ['the time it was recorded', { kind: 'recorded', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }],
  ] as const)('is refused while a hold on %s covers an event naming the subject, recording nothing', async (_what, scope) => {
    holds = [hold(scope as LegalHold['scope'])];
    await expect(erase()).rejects.toMatchObject({ code: 'RECORDS.UNDER_LEGAL_HOLD', details: { holds: [expect.objectContaining({ holdId: 'hold-1', reference: 'case 42' })] } });
    expect(await store.readStream(recordsStreamName('personal-data'))).toEqual([]);
    expect(vault.entries([subject]).get(subject)?.name?.text).toBe('Yuka Obayashi');
  });

  it('goes ahead when the holds in force cover other records', async () => {
    holds = [hold({ kind: 'deal', dealId: 'another-deal' }), hold({ kind: 'recorded', from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })];
    await expect(erase()).resolves.toMatchObject({ subject });
  });

  it('re-applies recorded erasures to a vault that lacks them (a crash before the vault was told, a vault from an older backup)', async () => {
    const name = vault.entries([subject]).get(subject)!.name!;
    await erase();
    const older = new InMemoryPersonalDataVault();
    older.add({ commitment: subject, text: name.text, salt: name.salt, sealedAt: TEST_NOW });
    expect(await applyRecordedErasures(store, older)).toBe(1);
    expect(older.entries([subject]).get(subject)?.name).toBeUndefined();
    expect(await applyRecordedErasures(store, older)).toBe(0);
  });


  it('records one erasure of two asked at once, refusing the other (409)', async () => {
    const outcomes = await Promise.allSettled([erase('request 1'), erase('request 2')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'PERSONAL_DATA.ALREADY_ERASED' } });
    expect(await store.readStream(recordsStreamName('personal-data'))).toHaveLength(1);
  });

  it('erases a name once every record naming it was disposed of past retention, and not before', async () => {
    const dispose = (dealIds: string[]) =>
      disposeRecords(store, {
        reason: 'retention',
        actor: 'admin-1',
        now: new Date(Date.parse(TEST_NOW) + 7 * 366 * 24 * 3600 * 1000),
        schedule: DEFAULT_RETENTION_SCHEDULE,
        holds: async () => [],
        dryRun: false,
        records: dealIds.map((dealId) => `deal-${dealId}`),
      });
    await dispose(['deal-one']);
    expect(await forgetDisposedNames(store, vault)).toBe(0);
    expect(vault.entries([subject]).get(subject)?.name?.text).toBe('Yuka Obayashi');
    await dispose(['deal-two']);
    expect(await forgetDisposedNames(store, vault)).toBe(1);
    expect(vault.entries([subject]).get(subject)?.erasure?.reason).toMatch(/^disposal past retention \(/);
  });

  it('refuses a bad subject or reason before looking anything up', async () => {
    await expect(erasePersonalData({ store, vault, holds: async () => holds }, { subject: 'Yuka', reason: 'x' }, 'admin-1')).rejects.toMatchObject({ code: 'PERSONAL_DATA.INVALID_SUBJECT', field: 'subject' });
    await expect(erase('   ')).rejects.toMatchObject({ code: 'PERSONAL_DATA.INVALID_REASON', field: 'reason' });
  });
});
