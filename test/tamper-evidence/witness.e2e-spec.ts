import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ED25519_COSIGNATURE, formatVerifierKey, verifierKeyFromPublicKey } from '#verifier';
import { SqliteTamperer } from '../../libs/event-store/src/testing/sqlite-tamper.js';
import { ledgerKeyPrinted, runCliAsync, startServe, stop, waitForCheckpoint, type CliRun } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * Two witnesses, each a `ledger witness` process with its own key and state, cosign a
 * growing log; `ledger verify --witness … --require 2` accepts history only under what both
 * cosigned. Then the operator of the files turns hostile: a history rewritten (with the
 * ledger's own key, then with a new one) and a rollback to a backup are refused by both
 * witnesses, which keep the evidence. Everything runs as separate processes over HTTP.
 */
const root = tempDataDir();
afterAll(() => root.remove());

const ADMIN = 'witness-test-admin-key';
const WITNESS_KEYS = { w1: 'witness-test-w1-key', w2: 'witness-test-w2-key' };
const serverEnv = (dir: string) => ({
  LEDGER_DATA_DIR: dir,
  LEDGER_API_KEYS: `admin-1:admin:${ADMIN},w1:witness:${WITNESS_KEYS.w1},w2:witness:${WITNESS_KEYS.w2}`,
  LEDGER_CHECKPOINT_EVERY_SECONDS: '1',
});
const dir = (name: string) => join(root.dir, name);

let ledgerKey = '';
const witnessKeys: Record<'w1' | 'w2', string> = { w1: '', w2: '' };

function witness(name: 'w1' | 'w2', url: string): Promise<CliRun> {
  return runCliAsync(
    ['witness', '--ledger', url, '--ledger-key', ledgerKey, '--key', dir(`${name}.pem`), '--state', dir(`${name}-state`), '--name', `witness.test/${name}`],
    { LEDGER_WITNESS_API_KEY: WITNESS_KEYS[name] },
  );
}

const verifyWithWitnesses = (data: string) =>
  runCliAsync(['verify', '--json', '--witness', witnessKeys.w1, '--witness', witnessKeys.w2, '--require', '2'], { LEDGER_DATA_DIR: data });

async function addNote(url: string, text: string): Promise<void> {
  const response = await fetch(`${url}/deals/caremag-2025/notes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, source: { publisher: 'Reuters', tier: 'secondary' }, reportedAt: '2026-01-05' }),
  });
  expect(response.status).toBe(201);
}

/** Serves `data` until `work` is done. */
async function serving<T>(data: string, work: (url: string) => Promise<T>): Promise<T> {
  const server = await startServe(serverEnv(data));
  try {
    const key = ledgerKeyPrinted(server.output());
    ledgerKey ||= key;
    await waitForCheckpoint(server.url, ADMIN, 12);
    return await work(server.url);
  } finally {
    await stop(server.child);
  }
}

/**
 * A copy of the ledger's data with its deal stream rewritten, every later hash recomputed and
 * its proofs file deleted; `forget`: the signer's memory beside the key deleted too, or the key
 * itself (a new one is made at the next start).
 */
function forgedCopy(name: string, forget: 'nothing' | 'signer-memory' | 'key'): string {
  const copy = dir(name);
  cpSync(dir('ledger'), copy, { recursive: true });
  const tamperer = new SqliteTamperer(join(copy, 'events.sqlite'));
  tamperer.flipPayloadByte(3);
  tamperer.rechain('deal-caremag-2025');
  tamperer.close();
  const remove = (prefix: string) => readdirSync(copy).filter((f) => f.startsWith(prefix)).forEach((f) => rmSync(join(copy, f)));
  remove('transparency.sqlite');
  if (forget === 'signer-memory') remove('checkpoint-signing-key.pem.last-checkpoint');
  if (forget === 'key') remove('checkpoint-signing-key');
  return copy;
}

function expectRefused(run: CliRun, reason: RegExp): void {
  expect(run.status).toBe(3);
  expect(run.stdout).toMatch(reason);
  const evidence = /Evidence kept in (\S+)/.exec(run.stdout)![1]!;
  expect(readFileSync(join(evidence, 'reason.txt'), 'utf8')).toMatch(reason);
  expect(existsSync(join(evidence, 'offered.checkpoint'))).toBe(true);
}

beforeAll(() => {
  assertBuildIsCurrent(['apps/cli/src', 'apps/api/src', 'libs/runtime/src', 'libs/contract/src', 'libs/application/src', 'libs/event-store/src', 'libs/verifier/src']);
  // Each witness's key made ahead, as its operator would, so its verifier key is known before it first runs.
  for (const name of ['w1', 'w2'] as const) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(dir(`${name}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    witnessKeys[name] = formatVerifierKey(verifierKeyFromPublicKey(`witness.test/${name}`, privateKey, ED25519_COSIGNATURE));
  }
});

describe('two witnesses of a growing log', () => {
  it('cosign its first checkpoint: the first a witness sees is taken on trust, and printed with the witness key', async () => {
    await serving(dir('ledger'), async (url) => {
      const first = await witness('w1', url);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/cosigned the checkpoint of 12 events \(the first this witness sees\)/);
      expect(first.stdout).toContain(`give auditors its key: ${witnessKeys.w1}`);
    });
  });

  it('are both required by verify --require 2: a checkpoint only one cosigned is not enough', async () => {
    const oneOfTwo = await verifyWithWitnesses(dir('ledger'));
    expect(oneOfTwo.status).toBe(1);
    expect(JSON.parse(oneOfTwo.stdout)).toMatchObject({ ok: false, problem: { code: 'WITNESS.QUORUM_NOT_MET' } });
  });

  it('accept history once both cosigned, and cosign the grown log only with a consistency proof from what they saw', async () => {
    await serving(dir('ledger'), async (url) => {
      const second = await witness('w2', url);
      expect(second.status).toBe(0);
    });
    const bothOfTwo = await verifyWithWitnesses(dir('ledger'));
    expect(bothOfTwo.status).toBe(0);
    expect(JSON.parse(bothOfTwo.stdout)).toMatchObject({ ok: true, witnessedUpTo: 12 });

    // A backup of the ledger as both witnesses saw it, for the rollback below.
    cpSync(dir('ledger'), dir('backup-12'), { recursive: true });
    await serving(dir('ledger'), async (url) => {
      await addNote(url, 'A later note');
      await waitForCheckpoint(url, ADMIN, 13);
      for (const name of ['w1', 'w2'] as const) {
        const run = await witness(name, url);
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/cosigned the checkpoint of 13 events \(consistent with 12\)/);
      }
      const again = await witness('w1', url);
      expect(again.stdout).toMatch(/nothing new: the checkpoint of 13 events is cosigned already/);
    });
    expect(JSON.parse((await verifyWithWitnesses(dir('ledger'))).stdout)).toMatchObject({ ok: true, witnessedUpTo: 13 });
  });
});

describe('the same witnesses, after the operator turned hostile', () => {
  it('find the ledger itself refusing to sign a rewritten history while its key remembers what it signed', async () => {
    const server = await startServe(serverEnv(forgedCopy('forged-remembered', 'nothing')));
    try {
      const deadline = Date.now() + 10_000;
      while (!/NOT SIGNING CHECKPOINTS: CHECKPOINT.ROOT_MISMATCH/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(server.output()).toMatch(/NOT SIGNING CHECKPOINTS: CHECKPOINT.ROOT_MISMATCH: .*the signing key's last checkpoint/);
      const latest = await fetch(`${server.url}/audit/checkpoints/latest`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      expect(latest.status).toBe(404);
    } finally {
      await stop(server.child);
    }
  });

  it('refuse a history rewritten and re-signed with the ledger’s own key: same size, another root', async () => {
    await serving(forgedCopy('forged-same-key', 'signer-memory'), async (url) => {
      for (const name of ['w1', 'w2'] as const) expectRefused(await witness(name, url), /Fork: two different roots for tree size 13/);
    });
  });

  it('refuse it when the key was replaced too: the checkpoint is not signed by the key they trust', async () => {
    await serving(forgedCopy('forged-new-key', 'key'), async (url) => {
      for (const name of ['w1', 'w2'] as const) expectRefused(await witness(name, url), /not signed by the ledger key this witness trusts/);
    });
  });

  it('refuse a rollback to a backup of an earlier state', async () => {
    await serving(dir('backup-12'), async (url) => {
      for (const name of ['w1', 'w2'] as const) expectRefused(await witness(name, url), /Rollback: the ledger now shows 12 events, but this witness cosigned 13/);
    });
  });

  it('leave the rewritten ledger unable to verify under the witnesses', async () => {
    const forged = dir('forged-same-key');
    const run = await verifyWithWitnesses(forged);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, problem: { code: 'WITNESS.QUORUM_NOT_MET' } });
  });
});
