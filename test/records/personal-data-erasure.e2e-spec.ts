import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { ledgerKeyPrinted, runCliAsync, startServe, stop, waitForCheckpoint } from '../support/cli.js';
import { flat, pdfText, popplerMissing } from '../support/poppler.js';
import { smallDeal } from '../support/small-deal.js';
import { ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

/**
 * The case: a person named in the sources of three deals asks to be erased. Events
 * only ever held a commitment to the name, so after the erasure the name is gone from every
 * answer and every file of the data directory, while the ledger, a witness and an evidence
 * bundle exported before the erasure all still verify.
 */
const NAME = 'Yuka Obayashi';
const DEALS = ['erasure-a', 'erasure-b', 'erasure-c'];
/** The reference deal's report is Yuka Obayashi's: its stream names her too. */
const STREAMS_NAMING = ['deal-caremag-2025', ...DEALS.map((d) => `deal-${d}`)];
const REASON = 'GDPR Art. 17 request 2026-041';

describe('erasing a person named in three deals', () => {
  let data: ReturnType<typeof tempDataDir>;
  let ledger: Awaited<ReturnType<typeof startServe>>;
  let ledgerKey = '';
  const env = () => ({
    LEDGER_DATA_DIR: join(data.dir, 'ledger'),
    LEDGER_API_KEYS: `admin-1:admin:${ROLE_KEYS.admin},auditor-1:auditor:${ROLE_KEYS.auditor},witness-1:witness:${ROLE_KEYS.witness}`,
    LEDGER_CHECKPOINT_EVERY_SECONDS: '1',
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by the assertions
  type Answer = Omit<Response, 'json'> & { json(): Promise<any> };
  const call = (path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<Answer> =>
    fetch(`${ledger.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${init.key ?? ROLE_KEYS.admin}`, 'Content-Type': 'application/json' },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  const text = async (path: string) => (await call(path, { key: ROLE_KEYS.auditor })).text();
  const witnessRound = () =>
    runCliAsync(
      ['witness', '--ledger', ledger.url, '--ledger-key', ledgerKey, '--key', join(data.dir, 'w.pem'), '--state', join(data.dir, 'w-state'), '--name', 'witness.test/w'],
      { LEDGER_WITNESS_API_KEY: ROLE_KEYS.witness },
    );
  /** Every byte the ledger keeps on disk, as text. */
  const dataDirectoryText = () =>
    readdirSync(join(data.dir, 'ledger'))
      .map((file) => readFileSync(join(data.dir, 'ledger', file)).toString('latin1'))
      .join('\n');
  const latestCheckpointSize = async () => Number((await text('/audit/checkpoints/latest')).split('\n')[1]);
  let erasedSubject = '';

  beforeAll(async () => {
    data = tempDataDir();
    ledger = await startServe(env());
    ledgerKey = ledgerKeyPrinted(ledger.output());
    for (const dealId of DEALS) {
      const deal = { ...smallDeal(dealId), source: { publisher: 'Reuters', tier: 'primary', attribution: NAME } };
      expect((await call('/deals', { method: 'POST', body: deal })).status).toBe(201);
    }
  });

  afterAll(async () => {
    if (ledger) await stop(ledger.child);
    data?.remove();
  });

  it('keeps the name out of the log: events hold a commitment, answers the name', async () => {
    const deal = await (await call(`/deals/${DEALS[0]}`)).json();
    expect(JSON.stringify(deal)).toContain(NAME);
    const events = await text(`/deals/${DEALS[0]}/events`);
    expect(events).toContain(NAME);

    const found = await (await call('/admin/personal-data?name=obayashi')).json();
    expect(found.items).toEqual([{ subject: expect.stringMatching(/^[0-9a-f]{64}$/), name: NAME, sealedAt: expect.any(String), streams: STREAMS_NAMING }]);
  });

  it('erases the subject: every answer reads the erasure, the files no longer hold the name, every proof still holds', async () => {
    await waitForCheckpoint(ledger.url, ROLE_KEYS.admin, 1);
    expect((await witnessRound()).status).toBe(0);
    const sizeBefore = await latestCheckpointSize();
    // Until erased, the vault's file holds the name (and only it: the log and read models hold tokens).
    expect(dataDirectoryText()).toContain(NAME);
    const before = await call(`/deals/${DEALS[1]}/evidence-bundle`, { key: ROLE_KEYS.auditor });
    expect(before.status).toBe(200);
    const bundleBefore = unzipSync(new Uint8Array(await before.arrayBuffer()));

    const [{ subject }] = (await (await call('/admin/personal-data?name=Obayashi')).json()).items;
    erasedSubject = subject;
    const erased = await call('/admin/personal-data/erasures', { method: 'POST', body: { subject, reason: REASON } });
    expect(erased.status).toBe(201);
    const erasure = await erased.json();
    expect(erasure).toMatchObject({ subject, reason: REASON, streams: STREAMS_NAMING });
    const wording = `erased on ${erasure.erasedAt.slice(0, 10)} under ${REASON}`;
    expect(erasure.wording).toBe(wording);

    for (const dealId of ['caremag-2025', ...DEALS]) {
      const answers = [await text(`/deals/${dealId}`), await text(`/deals/${dealId}/events`), await text(`/deals/${dealId}?knownAt=${new Date().toISOString()}`)];
      for (const answer of answers) {
        expect(answer).not.toContain('Obayashi');
        expect(answer).toContain(wording);
      }
    }
    expect((await (await call('/admin/personal-data?name=obayashi')).json()).items).toEqual([]);

    // The ledger verifies; a witness sees the log grow consistently; the old bundle still verifies.
    expect((await (await call('/audit/verify', { key: ROLE_KEYS.auditor })).json()).ok).toBe(true);
    await waitForCheckpoint(ledger.url, ROLE_KEYS.admin, sizeBefore + 1);
    expect((await witnessRound()).status).toBe(0);
    const dir = join(data.dir, 'bundle-before');
    mkdirSync(dir);
    for (const [name, bytes] of Object.entries(bundleBefore)) writeFileSync(join(dir, name), bytes);
    const verified = await runCliAsync(['verify-bundle', dir, '--ledger-key', ledgerKey, '--json'], {});
    expect(verified.status).toBe(0);
    // It disclosed the name with its salt, which the verifier checked against the event's commitment.
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, dealId: DEALS[1], personalData: { names: 1, erased: 0 } });
    expect(Buffer.from(bundleBefore['figure-histories.csv'] ?? []).toString()).not.toContain('personal-data:');

    // A bundle exported now says the name was erased, and holds it nowhere.
    const after = unzipSync(new Uint8Array(await (await call(`/deals/${DEALS[1]}/evidence-bundle`, { key: ROLE_KEYS.auditor })).arrayBuffer()));
    const afterDir = join(data.dir, 'bundle-after');
    mkdirSync(afterDir);
    for (const [name, bytes] of Object.entries(after)) {
      expect(Buffer.from(bytes).toString()).not.toContain('Obayashi');
      writeFileSync(join(afterDir, name), bytes);
    }
    expect(Buffer.from(after['personal-data.jsonl']!).toString()).toContain(`"reason":"${REASON}"`);
    const verifiedAfter = await runCliAsync(['verify-bundle', afterDir, '--ledger-key', ledgerKey, '--json'], {});
    expect(JSON.parse(verifiedAfter.stdout)).toMatchObject({ ok: true, personalData: { names: 0, erased: 1 } });

    // A bundle that attributes the words to someone else than the event committed to is refused.
    writeFileSync(join(dir, 'personal-data.jsonl'), Buffer.from(bundleBefore['personal-data.jsonl']!).toString().replace(NAME, 'Someone Else'));
    const misattributed = await runCliAsync(['verify-bundle', dir, '--ledger-key', ledgerKey, '--json'], {});
    expect(misattributed.status).not.toBe(0);
    expect(JSON.parse(misattributed.stdout).problem.code).toMatch(/^BUNDLE\.(FILE_ALTERED|PERSONAL_DATA_INVALID)$/);

    // The regulator's package of the reference deal, whose figures she reported: no file holds her name, the PDF report included.
    const regulator = unzipSync(new Uint8Array(await (await call(`/deals/caremag-2025/regulator-export`, { key: ROLE_KEYS.auditor })).arrayBuffer()));
    for (const [name, bytes] of Object.entries(regulator)) expect({ name, holdsName: Buffer.from(bytes).toString().includes('Obayashi') }).toEqual({ name, holdsName: false });
    if (!popplerMissing) {
      const report = pdfText(regulator['report.pdf']!);
      expect(report).not.toContain('Obayashi');
      expect(flat(report)).toContain(flat(wording));
    }

    // Nothing the ledger keeps on disk holds the name any more.
    expect(dataDirectoryText()).not.toContain('Obayashi');
  });

  it('refuses a second erasure (409), an unknown subject and a request without a reason, recording nothing', async () => {
    const post = (body: unknown) => call('/admin/personal-data/erasures', { method: 'POST', body });
    const head = async () => (await (await call('/health')).json()).head as string;
    const headBefore = await head();
    const again = await post({ subject: erasedSubject, reason: REASON });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('PERSONAL_DATA.ALREADY_ERASED');
    const unknownSubject = await post({ subject: 'f'.repeat(64), reason: REASON });
    expect(unknownSubject.status).toBe(404);
    expect((await unknownSubject.json()).code).toBe('PERSONAL_DATA.SUBJECT_NOT_FOUND');
    const bad = await post({ subject: 'Yuka', reason: REASON });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('subject');
    const noReason = await post({ subject: 'a'.repeat(64) });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).field).toBe('reason');
    expect(await head()).toBe(headBefore);
  });

  it('refuses a name written in the form of a token, writing nothing', async () => {
    const deal = { ...smallDeal('erasure-token'), source: { publisher: 'Reuters', tier: 'primary', attribution: `personal-data:sha256:${'a'.repeat(64)}` } };
    const refused = await call('/deals', { method: 'POST', body: deal });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'PERSONAL_DATA.RESERVED_TEXT', field: 'source.attribution' });
    expect((await call('/deals/erasure-token')).status).toBe(404);
  });
});
