import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { commandOf, recordCommands } from '#testing';
import {
  cosign,
  ED25519_COSIGNATURE,
  formatVerifierKey,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  verifierKeyFromPublicKey,
  verifyConsistency,
  verifyCosignatures,
  verifyInclusion,
  verifyTimestampReply,
  type VerifierKey,
} from '#verifier';
import { describeWithOpenssl, startOpensslTsa, type OpensslTsaServer } from '../support/openssl-tsa.js';
import { laterHypotheticalLines, referenceDealLines } from '../support/reference-deal.js';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

const b64 = (text: string) => Buffer.from(text, 'base64');

/**
 * What an outside auditor's tools read, over real HTTP: C2SP checkpoints, RFC 9162 proofs
 * checked by the standalone verifier (not by the ledger's own code), witness cosignatures,
 * and a deal's own verification.
 */
describe('checkpoints and proofs over HTTP', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  let ledgerKey: VerifierKey;
  const auditor = () => bearer(ROLE_KEYS.auditor);

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    await ledger.runtime.transparency.log.follower.catchUp();
    await ledger.runtime.signing.checkpoints.sign();
    const { text } = await ledger.anonymous().get('/audit/ledger-key').set(auditor()).expect(200);
    ledgerKey = parseVerifierKey(text.trim());
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  const checkpointNote = async (which: string) => {
    const response = await ledger.anonymous().get(`/audit/checkpoints/${which}`).set(auditor()).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.text;
  };
  const eventsOf = async () =>
    (await ledger.http().get('/deals/caremag-2025/events?limit=100').expect(200)).body.events as { position: string; hash: string; revision: number }[];

  it('serves the latest checkpoint as a C2SP signed note, signed by the key it publishes', async () => {
    const note = await checkpointNote('latest');
    expect(note).toMatch(new RegExp(`^${ledgerKey.name.replace(/[.]/g, '\\.')}\\n12\\n[A-Za-z0-9+/]{43}=\\n\\n— ${ledgerKey.name} [A-Za-z0-9+/=]+\\n$`));
    const opened = openCheckpoint(note, ledgerKey);
    expect(opened.ok && opened.checkpoint.treeSize).toBe(12);
    expect(await checkpointNote('12')).toBe(note);
    const missing = await ledger.anonymous().get('/audit/checkpoints/5').set(auditor()).expect(404);
    expect(missing.body).toMatchObject({ code: 'CHECKPOINT.NOT_FOUND' });
  });

  it('proves every event of the deal in the signed tree, as the verifier checks it', async () => {
    const opened = openCheckpoint(await checkpointNote('latest'), ledgerKey);
    if (!opened.ok) throw new Error(opened.reason);
    for (const event of await eventsOf()) {
      const { body } = await ledger.anonymous().get(`/audit/proofs/inclusion?position=${event.position}&treeSize=12`).set(auditor()).expect(200);
      expect(body).toMatchObject({ leafIndex: Number(event.position) - 1, treeSize: 12 });
      expect(b64(body.leafHash)).toEqual(leafHash(Buffer.from(event.hash, 'hex')));
      const proved = verifyInclusion({ leafIndex: body.leafIndex, treeSize: 12, leafHash: b64(body.leafHash), auditPath: body.auditPath.map(b64), root: opened.checkpoint.rootHash });
      expect(proved).toEqual({ ok: true });
    }
  });

  it('proves a later checkpoint extends an earlier one', async () => {
    await recordCommands(ledger.runtime.store, laterHypotheticalLines().map(commandOf));
    await ledger.runtime.transparency.log.follower.catchUp();
    await ledger.runtime.signing.checkpoints.sign();
    const later = openCheckpoint(await checkpointNote('latest'), ledgerKey);
    const earlier = openCheckpoint(await checkpointNote('12'), ledgerKey);
    if (!later.ok || !earlier.ok) throw new Error('a checkpoint did not open');
    const to = later.checkpoint.treeSize;
    expect(to).toBeGreaterThan(12);
    const { body } = await ledger.anonymous().get(`/audit/proofs/consistency?from=12&to=${to}`).set(auditor()).expect(200);
    expect(body).toMatchObject({ from: 12, to });
    expect(
      verifyConsistency({ fromSize: 12, toSize: to, fromRoot: earlier.checkpoint.rootHash, toRoot: later.checkpoint.rootHash, proof: body.proof.map(b64) }),
    ).toEqual({ ok: true });
  });

  it.each([
    ['/audit/proofs/inclusion?position=9999&treeSize=12', 404, 'PROOF.UNKNOWN_POSITION', 'position'],
    ['/audit/proofs/inclusion?position=1&treeSize=100000', 404, 'PROOF.UNKNOWN_TREE_SIZE', 'treeSize'],
    ['/audit/proofs/inclusion?position=13&treeSize=12', 422, 'PROOF.NOT_IN_TREE', 'treeSize'],
    ['/audit/proofs/inclusion?position=abc&treeSize=12', 400, 'REQUEST.INVALID_CURSOR', 'position'],
    ['/audit/proofs/consistency?from=12&to=5', 400, 'PROOF.BAD_RANGE', 'from'],
    ['/audit/proofs/consistency?from=0&to=5', 400, 'REQUEST.VALIDATION_FAILED', 'from'],
    ['/audit/checkpoints/12x', 400, 'REQUEST.INVALID_CURSOR', 'treeSize'],
  ])('refuses %s with %i %s naming %s', async (path, status, code, field) => {
    const { body } = await ledger.anonymous().get(path).set(auditor()).expect(status);
    expect(body).toMatchObject({ code, field });
  });

  it("keeps and publishes a witness's valid cosignature, and refuses forged or smuggled lines and a second key from one credential", async () => {
    const size = ledger.runtime.transparency.log.book.latest()!.treeSize;
    const note = await checkpointNote(String(size));
    const opened = openCheckpoint(note, ledgerKey);
    if (!opened.ok) throw new Error(opened.reason);
    const witness = { name: 'witness.test/w1', privateKey: generateKeyPairSync('ed25519').privateKey };
    const witnessKey = verifierKeyFromPublicKey(witness.name, witness.privateKey, ED25519_COSIGNATURE);
    const line = cosign(opened.note.text, Math.floor(Date.now() / 1000), witness);
    const asWitness = bearer(ROLE_KEYS.witness);

    const post = (cosignature: string, key = formatVerifierKey(witnessKey)) =>
      ledger.anonymous().post(`/audit/checkpoints/${size}/cosignatures`).set(asWitness).send({ cosignature, witnessKey: key });
    const [, , signature] = line.trimEnd().split(' ') as [string, string, string];
    const flipped = Buffer.from(signature, 'base64');
    flipped[20]! ^= 1;
    const junk = Buffer.alloc(68, 1).toString('base64');
    // A forged signature; more lines riding along (one posing as the ledger's); a line that moves the blank line; another name.
    for (const cosignature of [
      `— ${witness.name} ${flipped.toString('base64')}\n`,
      `${line}— ${ledgerKey.name} ${Buffer.concat([Buffer.from(ledgerKey.keyId, 'hex'), Buffer.alloc(64)]).toString('base64')}\n`,
      `\n${line}`,
      `— someone-else ${signature}\n`,
      `— ${witness.name} ${junk}`,
    ]) {
      const refused = await post(cosignature).expect(422);
      expect(refused.body).toMatchObject({ code: 'COSIGNATURE.INVALID', field: 'cosignature' });
    }
    expect(openCheckpoint(await checkpointNote(String(size)), ledgerKey).ok).toBe(true);

    await post(line).expect(201, { treeSize: size, added: true });
    await post(line).expect(201, { treeSize: size, added: false });
    const published = await checkpointNote('latest');
    expect(published).toBe(note + line);
    expect(verifyCosignatures(published, [witnessKey], { quorum: 1 })).toMatchObject({ ok: true, cosigners: [{ name: witness.name }] });
    // One cosignature per credential and checkpoint: no filling the slots with keys of one's own.
    const other = { name: 'witness.test/squatter', privateKey: generateKeyPairSync('ed25519').privateKey };
    const otherKey = formatVerifierKey(verifierKeyFromPublicKey(other.name, other.privateKey, ED25519_COSIGNATURE));
    const squatted = await post(cosign(opened.note.text, Math.floor(Date.now() / 1000), other), otherKey).expect(409);
    expect(squatted.body).toMatchObject({ code: 'COSIGNATURE.POSTER_USED' });
    // A witness may read and cosign, nothing else.
    await ledger.anonymous().get('/deals/caremag-2025').set(asWitness).expect(403);
  });

  it("verifies one deal: chained, proved in the latest checkpoint, its read model equal to a fold of its events", async () => {
    const { body } = await ledger.http().get('/deals/caremag-2025/verification').expect(200);
    const events = await eventsOf();
    expect(body).toMatchObject({
      dealId: 'caremag-2025',
      ok: true,
      chain: { ok: true, events: events.length },
      checkpoint: { treeSize: ledger.runtime.transparency.log.book.latest()!.treeSize, cosigners: [{ name: 'witness.test/w1' }] },
      notYetCheckpointed: [],
      readModel: { ok: true, differences: [] },
    });
    expect(body.included.map((i: { position: string }) => i.position)).toEqual(events.map((e) => e.position));
  });

  it('lists what is not checkpointed yet, and names a read-model row edited while the server was stopped', async () => {
    await ledger.http().post('/deals/caremag-2025/notes').send({
      text: 'A later note',
      source: { publisher: 'Reuters', tier: 'secondary' },
      reportedAt: '2026-01-05',
    }).expect(201);
    await ledger.close();
    const edit = new Database(join(data.dir, 'read-models.sqlite'));
    const generation = edit.prepare("SELECT generation FROM projection_checkpoints WHERE name = 'deal-state'").pluck().get() as number;
    const table = generation === 0 ? 'deal_state_figures' : `deal_state_figures__g${generation}`;
    const changed = edit.prepare(`UPDATE ${table} SET value = replace(value, '95000000', '990000000') WHERE deal_id = 'caremag-2025' AND figure_id = 'investment-amount'`).run();
    expect(changed.changes).toBe(1);
    edit.close();
    ledger = await startTestLedger({ dataDir: data.dir });
    const { body } = await ledger.http().get('/deals/caremag-2025/verification').expect(200);
    expect(body.ok).toBe(false);
    expect(body.notYetCheckpointed).toHaveLength(1);
    expect(body.readModel.ok).toBe(false);
    expect(JSON.stringify(body.readModel.differences)).toContain('990000000');
  });
});

describeWithOpenssl('checkpoints timestamped by an RFC 3161 TSA', () => {
  const data = tempDataDir();
  let tsa: OpensslTsaServer;
  let ledger: TestLedger;

  beforeAll(async () => {
    tsa = await startOpensslTsa();
    ledger = await startTestLedger({ dataDir: data.dir, config: { tsa: { url: tsa.url, trustAnchorsPem: [tsa.caPem] } } });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    await ledger.runtime.transparency.log.follower.catchUp();
  });

  afterAll(async () => {
    await ledger.close();
    await tsa.close();
    data.remove();
  });

  it('serves each checkpoint’s timestamp reply, over the note as the ledger signed it', async () => {
    const outcome = await ledger.runtime.signing.checkpoints.sign();
    expect(outcome).not.toHaveProperty('timestampError');
    const { body, headers } = await ledger.http().get('/audit/checkpoints/12/timestamp').buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(headers['content-type']).toMatch(/^application\/timestamp-reply/);
    const note = (await ledger.http().get('/audit/checkpoints/12').expect(200)).text;
    const checked = await verifyTimestampReply(body as Buffer, Buffer.from(note), { trustAnchorsPem: [tsa.caPem] });
    expect(checked).toMatchObject({ ok: true });
    expect(Math.abs(Date.parse((checked as { genTime: string }).genTime) - Date.now())).toBeLessThan(60_000);

    const { body: verified } = await ledger.http().get('/audit/verify').expect(200);
    expect(verified).toMatchObject({ ok: true, timestamps: [{ treeSize: 12 }] });
  });
});
