import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDealLines } from '../support/reference-deal.js';
import { runCli, startServe, stop } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * API keys through the built `ledger` command and a running `ledger serve`: the local admin
 * key of a fresh data dir, keys issued and revoked by `ledger keys` in another process and
 * honoured by the server without a restart (it follows the `access-keys` stream), keys
 * from LEDGER_API_KEYS, and the key file of an earlier release carried over.
 */
const noteBody = (noteId: string) => ({ ...(referenceDealLines().find((l) => l.command === 'RecordNote')!.body as object), noteId });
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Asks again until `done` holds (another process's append reaches the server by polling), then returns the last answer. */
async function until<T>(ask: () => Promise<T>, done: (answer: T) => boolean, attempts = 100): Promise<T> {
  let answer = await ask();
  for (let i = 1; i < attempts && !done(answer); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask();
  }
  return answer;
}

beforeAll(() => {
  assertBuildIsCurrent(['apps/cli/src', 'apps/api/src/auth', 'apps/api/src/admin', 'libs/application/src/access']);
});

describe('ledger keys, with ledger serve running on a fresh data dir', () => {
  const data = tempDataDir();
  // No keys from the environment, whatever the shell running the tests has set.
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: '' };
  const keys = (...args: string[]) => runCli(['keys', ...args], env);
  let server: Awaited<ReturnType<typeof startServe>>;
  let adminKey: string;
  let issued: { key: string; keyId: string; name: string; roles: string[] };

  beforeAll(async () => {
    server = await startServe(env);
  }, 60_000);

  afterAll(async () => {
    if (server) await stop(server.child);
    data.remove();
  });

  it('creates <dataDir>/local-api-key (mode 0600) holding an admin key that works', async () => {
    const file = join(data.dir, 'local-api-key');
    expect(server.output()).toContain(`Created an admin API key for local-admin: ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    adminKey = readFileSync(file, 'utf8').trim();
    expect(adminKey).toMatch(/^dl_[A-Za-z0-9_-]{40,}$/);
    const response = await fetch(`${server.url}/admin/keys`, { headers: auth(adminKey) });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('local-admin');
  });

  it('prints a new key once; the list shows neither the key nor its hash', () => {
    const created = keys('create', '--name', 'ingest-bot', '--role', 'writer', '--json');
    expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: '' });
    issued = JSON.parse(created.stdout);
    expect(issued).toMatchObject({ name: 'ingest-bot', roles: ['writer'], keyId: expect.stringMatching(/^key-/), key: expect.stringMatching(/^dl_/) });
    expect(issued).not.toHaveProperty('sha256');

    const listed = keys('list', '--json');
    expect(listed.status).toBe(0);
    const records = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(records.map((r) => [r.name, r.roles, r.revokedAt])).toEqual([
      ['local-admin', ['admin'], null],
      ['ingest-bot', ['writer'], null],
    ]);
    for (const record of records) expect(Object.keys(record).sort()).toEqual(['issuedAt', 'issuedBy', 'keyId', 'name', 'revokedAt', 'roles']);
    expect(listed.stdout).not.toContain(issued.key);
    expect(listed.stdout).not.toContain(sha256(issued.key));
    expect(keys('list').stdout).not.toContain(issued.key);
  });

  it('the running server takes the new key at once: a write records ingest-bot as its actor', async () => {
    const write = () =>
      fetch(`${server.url}/deals/caremag-2025/notes`, {
        method: 'POST',
        headers: { ...auth(issued.key), 'Content-Type': 'application/json', 'Idempotency-Key': 'ingest-bot-first-note' },
        body: JSON.stringify(noteBody('ingest-bot-note')),
      });
    const response = await until(write, (r) => r.status !== 401);
    expect(response.status).toBe(201);
    const { eventIds } = (await response.json()) as { eventIds: string[] };

    const events = (await (await fetch(`${server.url}/deals/caremag-2025/events?limit=1000`, { headers: auth(adminKey) })).json()) as {
      events: { eventId: string; metadata: { actor: string } }[];
    };
    expect(events.events.find((e) => e.eventId === eventIds[0])?.metadata.actor).toBe('ingest-bot');
  });

  it('a writer key gets no admin route', async () => {
    const response = await fetch(`${server.url}/admin/projections`, { headers: auth(issued.key) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH.FORBIDDEN');
  });

  it('revoking the key makes the running server refuse it', async () => {
    const revoked = keys('revoke', 'ingest-bot');
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${issued.keyId} (ingest-bot).`);
    const read = () => fetch(`${server.url}/deals/caremag-2025`, { headers: auth(issued.key) });
    const response = await until(read, (r) => r.status === 401);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH.UNAUTHENTICATED');
    expect((await fetch(`${server.url}/deals/caremag-2025`, { headers: auth(adminKey) })).status).toBe(200);
  });

  it('refuses a second active key of the same name, and an unknown role, naming the roles', () => {
    expect(keys('create', '--name', 'report-bot', '--role', 'viewer').status).toBe(0);
    const again = keys('create', '--name', 'report-bot', '--role', 'auditor');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('An active key is already named report-bot: revoke it first');

    const unknown = keys('create', '--name', 'odd-bot', '--role', 'writer', 'superuser');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('viewer, auditor, writer, subscriber, witness, admin');
    expect(unknown.stderr).toContain('superuser');
    // Neither refusal issued anything.
    expect((JSON.parse(keys('list', '--json').stdout) as { name: string }[]).map((k) => k.name)).toEqual(['local-admin', 'ingest-bot', 'report-bot']);
  });
});

describe('ledger serve with keys from LEDGER_API_KEYS', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('creates no local key, and honours the configured one', async () => {
    const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: 'svc:writer+auditor:svc-key-0123456789' };
    const server = await startServe(env);
    try {
      expect(existsSync(join(data.dir, 'local-api-key'))).toBe(false);
      expect(server.output()).not.toContain('Created an admin API key');
      expect((await fetch(`${server.url}/deals/caremag-2025/figures/investment-amount/history`, { headers: auth('svc-key-0123456789') })).status).toBe(200);
      expect((await fetch(`${server.url}/admin/keys`, { headers: auth('svc-key-0123456789') })).status).toBe(403);
      expect(JSON.parse(runCli(['keys', 'list', '--json'], env).stdout)).toEqual([]);
    } finally {
      await stop(server.child);
    }
  }, 60_000);
});

describe('ledger serve on a data dir with an api-keys.json of the earlier format', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('carries the old key over as an admin key and renames the file', async () => {
    const oldKey = 'old-format-key-0123456789abcdef';
    const file = join(data.dir, 'api-keys.json');
    writeFileSync(file, JSON.stringify({ keys: [{ actor: 'old-bot', sha256: sha256(oldKey), createdAt: '2025-01-01T00:00:00.000Z' }] }));
    const env = { LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: '' };
    const server = await startServe(env);
    try {
      expect(server.output()).toContain('Carried 1 keys over from api-keys.json');
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.migrated`)).toBe(true);
      // The old key stands in for the local one: no second admin key is made.
      expect(existsSync(join(data.dir, 'local-api-key'))).toBe(false);
      const response = await fetch(`${server.url}/admin/keys`, { headers: auth(oldKey) });
      expect(response.status).toBe(200);
      expect(JSON.parse(runCli(['keys', 'list', '--json'], env).stdout)).toEqual([
        expect.objectContaining({ name: 'old-bot', roles: ['admin'], issuedBy: 'ledger:key-file-migration', revokedAt: null }),
      ]);
    } finally {
      await stop(server.child);
    }
  }, 60_000);
});
