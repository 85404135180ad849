import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalDataCommitment } from '#verifier';
import { InMemoryPersonalDataVault, searchNames, type PersonalDataVault } from './personal-data-vault.js';
import { SqlitePersonalDataVault } from './sqlite-personal-data-vault.js';

const entry = (text: string, salt = 'ab'.repeat(32)) => ({ commitment: personalDataCommitment(salt, text), text, salt, sealedAt: '2026-12-04T00:00:00.000Z' });
const erasure = { erasedAt: '2026-12-05T00:00:00.000Z', reason: 'GDPR Art. 17 request 7', erasureId: '0193a000-0000-7000-8000-000000000001' };

/** The same contract for the vault in a file and in memory. */
describe.each([
  ['in memory', () => ({ vault: new InMemoryPersonalDataVault() as PersonalDataVault, done: () => undefined })],
  [
    'in a SQLite file',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'vault-'));
      const vault = new SqlitePersonalDataVault(join(dir, 'personal-data.sqlite'));
      return { vault: vault as PersonalDataVault, done: () => (vault.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
])('the personal-data vault %s', (_name, open) => {
  let opened: ReturnType<typeof open>;
  beforeEach(() => (opened = open()));
  afterEach(() => opened.done());

  it('finds a live name by its exact text and by part of it in any case, with the streams that name it', () => {
    const { vault } = opened;
    const yuka = entry('Yuka Obayashi');
    vault.add(yuka);
    vault.noteUse(yuka.commitment, 'deal-b');
    vault.noteUse(yuka.commitment, 'deal-a');
    vault.noteUse(yuka.commitment, 'deal-a');
    expect(vault.liveEntryOf('Yuka Obayashi')).toMatchObject({ commitment: yuka.commitment, name: { text: 'Yuka Obayashi', salt: yuka.salt } });
    expect(vault.liveEntryOf('yuka obayashi')).toBeUndefined();
    expect(searchNames(vault, 'OBAYASHI').map((e) => [e.commitment, e.streams])).toEqual([[yuka.commitment, ['deal-a', 'deal-b']]]);
  });

  it('finds a name by part of it in any case, beyond ASCII', () => {
    const { vault } = opened;
    vault.add(entry('Élodie Ñúñez'));
    expect(searchNames(vault, 'élodie ñ').map((e) => e.name?.text)).toEqual(['Élodie Ñúñez']);
  });

  it('erases a name and its salt once: the entry keeps only the commitment and the erasure', () => {
    const { vault } = opened;
    const yuka = entry('Yuka Obayashi');
    vault.add(yuka);
    expect(vault.erase(yuka.commitment, erasure)).toBe(true);
    expect(vault.erase(yuka.commitment, { ...erasure, reason: 'again' })).toBe(false);
    const kept = vault.entries([yuka.commitment]).get(yuka.commitment);
    expect(kept).toEqual({ commitment: yuka.commitment, sealedAt: yuka.sealedAt, streams: [], erasure });
    expect(vault.liveEntryOf('Yuka Obayashi')).toBeUndefined();
    expect(searchNames(vault, 'Obayashi')).toEqual([]);
  });

  it('keeps the same name again after an erasure as a new subject, the erased one staying erased', () => {
    const { vault } = opened;
    const first = entry('Yuka Obayashi', '01'.repeat(32));
    vault.add(first);
    vault.erase(first.commitment, erasure);
    const second = entry('Yuka Obayashi', '02'.repeat(32));
    vault.add(second);
    expect(vault.liveEntryOf('Yuka Obayashi')?.commitment).toBe(second.commitment);
    expect(vault.entries([first.commitment]).get(first.commitment)?.erasure).toEqual(erasure);
  });

  it('keeps the first of two entries for one live name (two processes sealing it at once): the second is not kept', () => {
    const { vault } = opened;
    const first = entry('Yuka Obayashi', '01'.repeat(32));
    const second = entry('Yuka Obayashi', '02'.repeat(32));
    vault.add(first);
    vault.add(second);
    expect(vault.liveEntryOf('Yuka Obayashi')?.commitment).toBe(first.commitment);
    expect(vault.entries([second.commitment]).size).toBe(0);
  });

  it('answers only the commitments it holds', () => {
    const { vault } = opened;
    const yuka = entry('Yuka Obayashi');
    vault.add(yuka);
    expect([...vault.entries([yuka.commitment, 'f'.repeat(64)]).keys()]).toEqual([yuka.commitment]);
  });
});
