import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseCsv } from '../../libs/application/src/evidence/figure-history-csv.js';
import { runCliAsync, startServe, stop, type CliRun } from '../support/cli.js';
import { describeWithPoppler, flat, pdfInfo, pdfText, popplerMissing } from '../support/poppler.js';
import { REFERENCE_DEAL_ID } from '../support/reference-deal.js';
import { ROLE_KEYS, tempDataDir } from '../support/test-ledger.js';

/**
 * Regulator exports of a deal, a party and a recording period, from the CLI and over HTTP:
 * the same ask of an unchanged ledger gives the same bytes; each scope selects exactly its
 * events; the package verifies offline; the PDF opens and shows every figure's history.
 */
const SEED = join(__dirname, '..', '..', 'seed');
const MAGNETCO = 'magnetco-2026';

type Files = Record<string, Uint8Array>;
const text = (files: Files, name: string) => Buffer.from(files[name]!).toString('utf8');
const lines = (files: Files, name: string) => text(files, name).split('\n').filter(Boolean);
const events = (files: Files) => lines(files, 'events.jsonl').map((line) => JSON.parse(line) as { eventId: string; streamId: string; recordedAt: string; revision: number; position: string });
const bundles = (files: Files) => [...new Set(Object.keys(files).flatMap((name) => /^bundles\/([^/]+)\//.exec(name)?.[1] ?? []))];

let data: ReturnType<typeof tempDataDir>;
const cli = (args: string[]): Promise<CliRun> => runCliAsync(args, { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' });
const out = (name: string) => join(data.dir, 'exports', `${name}.zip`);
const zip = (name: string) => readFileSync(out(name));

/** The CLI's runs, in order (one ledger; each export must see the ledger the one before left). */
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  data = tempDataDir();
  mkdirSync(join(data.dir, 'exports'));
  for (const file of ['caremag-2025.jsonl', 'caremag-2025-later.hypothetical.jsonl', 'magnetco-2026.hypothetical.jsonl']) {
    expect((await cli(['import', join(SEED, file), '--actor', 'seed'])).status).toBe(0);
  }
  // No checkpoint yet: the first export signs one, the second must reuse it.
  runs.deal1 = await cli(['export', '--regulator', '--deal', REFERENCE_DEAL_ID, '--out', out('deal1'), '--json']);
  // In another time zone (zip entry times are written from local time fields): still the same bytes.
  runs.deal2 = await runCliAsync(['export', '--regulator', '--deal', REFERENCE_DEAL_ID, '--out', out('deal2'), '--json'], {
    LEDGER_DATA_DIR: data.dir,
    LEDGER_SEED: 'none',
    TZ: 'Pacific/Chatham',
  });
  runs.asAuditor = await cli(['export', '--regulator', '--deal', REFERENCE_DEAL_ID, '--out', out('as-auditor'), '--actor', 'auditor-1']);
  runs.magnetco = await cli(['export', '--regulator', '--deal', MAGNETCO, '--out', out('magnetco')]);
  runs.party = await cli(['export', '--regulator', '--party', 'caremag', '--out', out('party'), '--json']);
  runs.partyOfBoth = await cli(['export', '--regulator', '--party', 'iwatani', '--out', out('party-of-both')]);
  runs.oddActor = await cli(['export', '--regulator', '--deal', MAGNETCO, '--out', out('odd-actor'), '--actor', 'auditor\tone']);
  runs.again = await cli(['export', '--regulator', '--deal', REFERENCE_DEAL_ID, '--out', out('deal1')]);
  runs.badFrom = await cli(['export', '--regulator', '--from', 'yesterday', '--to', '2030-01-01T00:00:00Z', '--out', out('bad'), '--json']);
  runs.unknown = await cli(['export', '--regulator', '--deal', 'no-such-deal', '--out', out('bad')]);
}, 120_000);

afterAll(() => data?.remove());

describe('ledger export --regulator', () => {
  it('gives the same bytes when asked twice of an unchanged ledger (from another time zone too), though the first ask signed the checkpoint both prove against', () => {
    expect(runs.deal1!.status).toBe(0);
    expect(JSON.parse(runs.deal1!.stdout)).toMatchObject({ ok: true, scope: `deal ${REFERENCE_DEAL_ID}`, events: 16, streams: 1, signedNewCheckpoint: true });
    expect(JSON.parse(runs.deal2!.stdout)).toMatchObject({ ok: true, signedNewCheckpoint: false, treeSize: JSON.parse(runs.deal1!.stdout).treeSize });
    expect(zip('deal2').equals(zip('deal1'))).toBe(true);
  });

  it('holds the deal\'s bundle, its events as stored, its figure histories, the PDF and a manifest naming the scope and the requester', () => {
    const files = unzipSync(zip('deal1'));
    expect(Object.keys(files)).toEqual([...Object.keys(files)].sort());
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['MANIFEST', 'README.txt', 'events.jsonl', 'figure-histories.csv', 'checkpoint', 'ledger.vkey', 'report.pdf']));
    expect(bundles(files)).toEqual([`deal-${REFERENCE_DEAL_ID}`]);
    expect(text(files, 'events.jsonl')).toBe(text(files, `bundles/deal-${REFERENCE_DEAL_ID}/events.jsonl`));
    expect(text(files, 'MANIFEST')).toMatch(new RegExp(`^deal-ledger/regulator-export/v1\nscope deal ${REFERENCE_DEAL_ID}\nrequested-by cli:\\S+\ntree \\d+\n`));
    for (const line of text(files, 'MANIFEST').split('\n').filter((l) => /^[0-9a-f]{64} /.test(l))) {
      const [, bytes, name] = line.split(' ');
      expect(files[name!]!.length).toBe(Number(bytes));
    }
  });

  it('is checked offline by `ledger verify-bundle`, as a zip and unzipped, and a changed byte is caught', async () => {
    // The key pinned from the ledger's own public key file, not taken from the package.
    const publicKey = join(data.dir, 'checkpoint-signing-key.pub.pem');
    const asZip = await cli(['verify-bundle', out('deal1'), '--public-key', publicKey, '--json']);
    expect(asZip.status).toBe(0);
    expect(JSON.parse(asZip.stdout)).toMatchObject({ ok: true, keyPinned: true, events: 16, scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID } });

    const dir = join(data.dir, 'unzipped');
    for (const [name, bytes] of Object.entries(unzipSync(zip('deal1')))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    const asDir = await cli(['verify-bundle', dir, '--public-key', publicKey]);
    expect(asDir.status).toBe(0);
    expect(asDir.stdout).toMatch(/^Intact: regulator package of deal caremag-2025, asked by cli:\S+: 16 events, each proven in the ledger's tree of \d+ events/);
    expect(asDir.stdout).toContain('Stream bundles, each intact: deal-caremag-2025 (16 events).');

    const pdf = join(dir, 'report.pdf');
    const original = readFileSync(pdf);
    original[original.length - 10] ^= 1;
    writeFileSync(pdf, original);
    const altered = await cli(['verify-bundle', dir, '--public-key', publicKey, '--json']);
    expect(altered.status).toBe(1);
    expect(JSON.parse(altered.stdout)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.FILE_ALTERED', file: 'report.pdf' } });
  });

  it("selects for a party its deals' streams, and only those", () => {
    expect(runs.party!.status).toBe(0);
    const party = unzipSync(zip('party'));
    expect(bundles(party)).toEqual([`deal-${REFERENCE_DEAL_ID}`]);
    expect(text(party, 'events.jsonl')).toBe(text(unzipSync(zip('deal1')), 'events.jsonl'));
    expect(text(party, 'MANIFEST')).toContain('\nscope party caremag\n');

    // Iwatani is named by both deals when they were registered: both streams, their events in log order.
    expect(runs.partyOfBoth!.status).toBe(0);
    const both = unzipSync(zip('party-of-both'));
    expect(bundles(both)).toEqual([`deal-${REFERENCE_DEAL_ID}`, `deal-${MAGNETCO}`]);
    const expected = [...events(unzipSync(zip('deal1'))), ...events(unzipSync(zip('magnetco')))].sort((a, b) => Number(a.position) - Number(b.position));
    expect(events(both).map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
  });

  it('names a requester whose name holds a control character with that character escaped, rather than failing to sign', () => {
    expect(runs.oddActor!.status).toBe(0);
    expect(text(unzipSync(zip('odd-actor')), 'MANIFEST')).toContain('\nrequested-by auditor\\u0009one\n');
  });

  it('refuses to write over a file, a malformed instant (code and field) and an unknown deal', () => {
    expect(runs.again!.status).toBe(2);
    expect(runs.again!.stderr).toMatch(/exists: export into a new file/);
    expect(runs.badFrom!.status).toBe(2);
    expect(JSON.parse(runs.badFrom!.stdout)).toMatchObject({ ok: false, code: 'TIME.INVALID_TIMESTAMP', field: 'from' });
    expect(runs.unknown!.status).toBe(2);
    expect(runs.unknown!.stderr).toMatch(/DEAL\.NOT_FOUND/);
  });
});

describeWithPoppler('the PDF report of the reference deal', () => {
  it('opens, is dated from the data, and shows every figure with each of its values, sources, times and kinds of change', () => {
    const files = unzipSync(zip('deal1'));
    const pdf = files['report.pdf']!;
    const info = pdfInfo(pdf);
    const last = events(files).at(-1)!;
    expect(info).toMatchObject({ Title: `Deal Ledger regulator export: deal ${REFERENCE_DEAL_ID}`, CreationDate: `${last.recordedAt.slice(0, 19)}Z` });
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(1);

    const shown = flat(pdfText(pdf));
    const [header, ...rows] = parseCsv(text(files, 'figure-histories.csv'));
    const column = (row: string[], name: string) => row[header!.indexOf(name)]!;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(shown).toContain(flat(`Figure ${column(row, 'figure_id')} (${column(row, 'fact')})`));
      expect(shown).toContain(flat(`: ${column(row, 'display')}`));
      expect(shown).toContain(flat(`Source: ${column(row, 'source_publisher')}`));
      expect(shown).toContain(flat(`reported: ${column(row, 'reported_at')}; recorded: ${column(row, 'recorded_at')} by ${column(row, 'recorded_by')}`));
      if (column(row, 'reason')) expect(shown).toContain(flat(`Reason: ${column(row, 'reason')}`));
    }
    expect(shown).toContain(flat('REVISION (the world changed)'));
    expect(shown).toContain(flat('CORRECTION (the record was wrong)'));
    expect(shown).toContain(flat('Ledger verified before export: yes'));
    expect(shown).toContain(flat('Proofs checked: 16 events of 1 stream(s)'));
    expect(shown).toContain(flat('Japan Organization for Metals and Energy Security (JOGMEC) (jogmec)'));
  });
});

describe('regulator exports over HTTP', () => {
  let ledger: Awaited<ReturnType<typeof startServe>>;
  const get = (path: string, key: string) => fetch(`${ledger.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const post = (path: string, body: object) =>
    fetch(`${ledger.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ROLE_KEYS.admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const download = async (path: string, key = ROLE_KEYS.auditor) => {
    const answer = await get(path, key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/zip');
    return Buffer.from(await answer.arrayBuffer());
  };

  beforeAll(async () => {
    ledger = await startServe({
      LEDGER_DATA_DIR: data.dir,
      LEDGER_SEED: 'none',
      LEDGER_API_KEYS: `auditor-1:auditor:${ROLE_KEYS.auditor},viewer-1:viewer:${ROLE_KEYS.viewer},writer-1:writer:${ROLE_KEYS.writer},admin-1:admin:${ROLE_KEYS.admin}`,
    });
  }, 60_000);

  afterAll(async () => {
    if (ledger) await stop(ledger.child);
  });

  it("gives an auditor the deal's package, twice the same bytes, and the same bytes `ledger export --regulator --actor auditor-1` wrote", async () => {
    const first = await download(`/deals/${REFERENCE_DEAL_ID}/regulator-export`);
    const second = await download(`/deals/${REFERENCE_DEAL_ID}/regulator-export`);
    expect(second.equals(first)).toBe(true);
    expect(runs.asAuditor!.status).toBe(0);
    expect(first.equals(zip('as-auditor'))).toBe(true);
  });

  it("selects for a party its own stream and every deal that names it, joined ones too; a retraction shows in the deal's PDF with its reason", async () => {
    expect((await post('/parties', { partyId: 'caremag', name: 'Caremag', kind: 'company', country: 'FR', source: { publisher: 'Caremag', tier: 'primary' }, reportedAt: '2025-03-17' })).status).toBe(201);
    // Caremag joins the MagnetCo deal: that deal is now one it takes part in.
    const joined = await post(`/deals/${MAGNETCO}/parties`, {
      party: { partyId: 'caremag', name: 'Caremag', kind: 'company', roles: ['buyer'] },
      source: { publisher: 'MagnetCo', title: 'Update (hypothetical)', tier: 'primary' },
      reportedAt: '2026-03-01',
    });
    expect(joined.status).toBe(201);
    const party = unzipSync(await download('/parties/caremag/regulator-export'));
    expect(bundles(party)).toEqual([`deal-${REFERENCE_DEAL_ID}`, `deal-${MAGNETCO}`, 'party-caremag']);
    const selected = events(party);
    const of = (streamId: string) => selected.filter((e) => e.streamId === streamId).map((e) => e.eventId);
    expect(of('party-caremag')).toHaveLength(1);
    expect(of(`deal-${REFERENCE_DEAL_ID}`)).toEqual(events(unzipSync(zip('deal1'))).map((e) => e.eventId));
    expect(of(`deal-${MAGNETCO}`)).toHaveLength(events(unzipSync(zip('magnetco'))).length + 1);

    const reason = 'the plant plan no longer reports this metric (hypothetical)';
    const retracted = await post(`/deals/${MAGNETCO}/figures/${firstFigureOf(unzipSync(zip('magnetco')))}/retractions`, {
      reason,
      source: { publisher: 'MagnetCo', title: 'Update (hypothetical)', tier: 'primary' },
      reportedAt: '2026-03-02',
    });
    expect(retracted.status).toBe(201);
    const magnetco = unzipSync(await download(`/deals/${MAGNETCO}/regulator-export`, ROLE_KEYS.admin));
    expect(lines(magnetco, 'events.jsonl')).toHaveLength(lines(unzipSync(zip('magnetco')), 'events.jsonl').length + 2);
    if (!popplerMissing) {
      const shown = flat(pdfText(magnetco['report.pdf']!));
      expect(shown).toContain(flat('RETRACTION (the report was withdrawn)'));
      expect(shown).toContain(flat(`Reason: ${reason}`));
    }
  });

  it('selects for a recording period exactly the deal and party events recorded in [from, to), each stream bundled up to its last one', async () => {
    // Every deal and party event with its recording time, from the packages of each deal and of the party.
    const all = [...events(unzipSync(await download(`/deals/${REFERENCE_DEAL_ID}/regulator-export`))), ...events(unzipSync(await download(`/deals/${MAGNETCO}/regulator-export`))), ...events(unzipSync(await download('/parties/caremag/regulator-export'))).filter((e) => e.streamId === 'party-caremag')];
    const times = [...new Set(all.map((e) => e.recordedAt))].sort();
    const from = times[Math.floor(times.length / 3)]!;
    const to = times[Math.floor((2 * times.length) / 3)]!;
    const expected = all.filter((e) => e.recordedAt >= from && e.recordedAt < to).sort((a, b) => Number(a.position) - Number(b.position));
    expect(expected.length).toBeGreaterThan(0);

    const path = `/audit/regulator-export?from=${from}&to=${to}`;
    const first = await download(path);
    expect((await download(path)).equals(first)).toBe(true);
    const files = unzipSync(first);
    expect(events(files).map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
    expect(bundles(files)).toEqual([...new Set(expected.map((e) => e.streamId))].sort());
    for (const streamId of bundles(files)) {
      const lastSelected = Math.max(...expected.filter((e) => e.streamId === streamId).map((e) => e.revision));
      expect(lines(files, `bundles/${streamId}/events.jsonl`)).toHaveLength(lastSelected + 1);
    }
  });

  it('refuses bad input with a stable code and the field, and names what is unknown', async () => {
    const answer = async (path: string) => {
      const a = await get(path, ROLE_KEYS.auditor);
      const body = (await a.json()) as { code: string; field?: string };
      return { status: a.status, code: body.code, field: body.field };
    };
    expect(await answer('/audit/regulator-export?from=yesterday&to=2030-01-01T00:00:00Z')).toEqual({ status: 400, code: 'TIME.INVALID_TIMESTAMP', field: 'from' });
    expect(await answer('/audit/regulator-export?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z')).toEqual({ status: 400, code: 'EXPORT.RANGE_INVERTED', field: 'to' });
    expect(await answer('/audit/regulator-export?from=2020-01-01T00:00:00Z')).toMatchObject({ status: 400, field: 'to' });
    expect(await answer('/audit/regulator-export?from=1990-01-01T00:00:00Z&to=1991-01-01T00:00:00Z')).toEqual({ status: 404, code: 'EXPORT.NOTHING_RECORDED', field: 'from' });
    expect(await answer('/deals/no-such-deal/regulator-export')).toMatchObject({ status: 404, code: 'DEAL.NOT_FOUND' });
    expect(await answer('/parties/nobody/regulator-export')).toEqual({ status: 404, code: 'PARTY.NOT_FOUND', field: 'partyId' });
    expect(await answer('/parties/bad%20id/regulator-export')).toEqual({ status: 400, code: 'ID.INVALID', field: 'partyId' });
  });

  it('is an audit read: a viewer is refused, a writer and an admin served, and every download is in the access log', async () => {
    const viewer = await get(`/deals/${REFERENCE_DEAL_ID}/regulator-export`, ROLE_KEYS.viewer);
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: 'AUTH.FORBIDDEN', details: { required: 'audit:read' } });
    expect((await get('/audit/regulator-export?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z', ROLE_KEYS.viewer)).status).toBe(403);
    await download(`/deals/${REFERENCE_DEAL_ID}/regulator-export`, ROLE_KEYS.writer);

    const logged = (await (await get('/admin/access-log?actor=auditor-1&kind=export&order=oldest', ROLE_KEYS.admin)).json()) as { items: { resource: string; dealId?: string; status: number }[] };
    const overHttp = logged.items.filter((item) => item.resource.startsWith('/'));
    expect(overHttp[0]).toMatchObject({ resource: `/deals/${REFERENCE_DEAL_ID}/regulator-export`, dealId: REFERENCE_DEAL_ID, status: 200 });
    // The CLI's export under the same name is logged too, as the command it was.
    expect(logged.items).toContainEqual(expect.objectContaining({ resource: `ledger export --regulator --deal ${REFERENCE_DEAL_ID}`, status: 0 }));
    expect(overHttp.map((item) => item.resource)).toEqual(expect.arrayContaining(['/parties/caremag/regulator-export', expect.stringMatching(/^\/audit\/regulator-export\?from=/)]));
  });
});

function firstFigureOf(files: Files): string {
  const [header, first] = parseCsv(text(files, 'figure-histories.csv'));
  return first![header!.indexOf('figure_id')]!;
}
