import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '#event-store';
import { seededRandom } from '#testing';
import { localApiKey, runCliAsync, startServe } from '../support/cli.js';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { percentageMetric, smallDeal } from '../support/small-deal.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * `ledger serve` (SQLite, synchronous=FULL) taking commands from 32 concurrent writers,
 * so that commands arriving together are written in one group commit, killed with SIGKILL
 * in the middle of it, restarted, killed again. Then the log holds every command that was
 * answered 201 exactly once, as answered; nothing of a command that was refused; and of a
 * command whose answer the kill cut off, either all of it or nothing. Four writers share
 * each deal and half send If-Match, so batches hold conflicts (409/412) beside successes.
 * Reproduce a failure with CRASH_SEED=<the seed in the failure>.
 */

const WRITERS = 32;
const DEALS = 8;
const ROUNDS = 3;
/** 201s in a round before the kill is armed: the kill lands while writers are busy. */
const ARM_AFTER = 40;

interface Sent {
  key: string;
  dealId: string;
  /** 201, another status, or 'unanswered' (the kill cut the connection). */
  status: number | 'unanswered';
  eventIds?: string[];
  revision?: number;
}

describe('group commits killed with SIGKILL under 32 concurrent writers', () => {
  const data = tempDataDir();
  // No rate limit worth the name: 32 writers as one identity send far more than a person would.
  const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none', LEDGER_SQLITE_SYNCHRONOUS: 'FULL', LEDGER_RATE_LIMIT: '1000000/60s' };
  const dealIds = Array.from({ length: DEALS }, (_, i) => `crash-${i}`);

  beforeAll(() => assertBuildIsCurrent(['libs/event-store/src', 'libs/application/src', 'apps/api/src', 'apps/cli/src']));
  afterAll(() => data.remove());

  it('keeps every 201 exactly once, nothing refused, and nothing partial', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const sent: Sent[] = [];
    const registrations = new Set<string>();

    for (let round = 1; round <= ROUNDS; round++) {
      const context = `seed ${seed}, round ${round}/${ROUNDS}`;
      const ledger = await startServe(env);
      const key = localApiKey(data.dir);
      if (round === 1) for (const dealId of dealIds) registrations.add(await register(ledger.url, key, dealId, context));

      let acknowledged = 0;
      let killed = false;
      let arm: () => void = () => undefined;
      const armed = new Promise<void>((resolve) => (arm = resolve));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => ledger.child.once('exit', (_code, signal) => resolve(signal)));
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        writeUntilKilled(ledger.url, key, dealIds[w % DEALS]!, w % 2 === 1, sent, () => killed, () => {
          if (++acknowledged === ARM_AFTER) arm();
        }),
      );
      // A writer that meets anything but the kill fails the test (below), and arms the kill now.
      const writing = Promise.allSettled(writers);
      void writing.then(() => arm());
      await armed;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 60)));
      killed = ledger.child.kill('SIGKILL');
      expect({ context, signal: await exited }).toEqual({ context, signal: 'SIGKILL' });
      const failures = (await writing).filter((w): w is PromiseRejectedResult => w.status === 'rejected').map((w) => String(w.reason));
      expect({ context, failures }).toEqual({ context, failures: [] });
    }

    const unexpected = sent.filter((s) => s.status !== 201 && s.status !== 409 && s.status !== 412 && s.status !== 'unanswered');
    expect({ seed, unexpected }).toEqual({ seed, unexpected: [] });
    expect(sent.filter((s) => s.status === 201).length).toBeGreaterThanOrEqual(ROUNDS * ARM_AFTER);

    // Opening read-write lets SQLite recover the WAL the killed server left behind.
    await (await SqliteEventStore.open({ file: join(data.dir, 'events.sqlite') })).close();
    expectLogHoldsExactly(join(data.dir, 'events.sqlite'), dealIds, sent, registrations, `seed ${seed}`);
    // The hash chain of every stream and the log tree are intact.
    const verified = await runCliAsync(['verify'], { LEDGER_DATA_DIR: data.dir });
    expect({ seed, status: verified.status, output: verified.status === 0 ? '' : verified.stdout + verified.stderr }).toEqual({ seed, status: 0, output: '' });
  }, 180_000);
});

/** One writer: figures on its deal, one after another, until the server is killed. */
async function writeUntilKilled(
  url: string,
  key: string,
  dealId: string,
  ifMatch: boolean,
  sent: Sent[],
  killed: () => boolean,
  onAcknowledged: () => void,
): Promise<void> {
  let revision: number | undefined;
  while (!killed()) {
    const command: Sent = { key: randomUUID(), dealId, status: 'unanswered' };
    sent.push(command);
    const body = percentageMetric(`share-${command.key.slice(0, 8)}`, String(sent.length % 100));
    try {
      const response = await fetch(`${url}/deals/${dealId}/metrics`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': command.key,
          ...(ifMatch && revision !== undefined ? { 'If-Match': `"${revision}"` } : {}),
        },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { eventIds?: string[]; revision?: number };
      command.status = response.status;
      if (response.status === 201) {
        command.eventIds = answer.eventIds;
        command.revision = answer.revision;
        revision = answer.revision;
        onAcknowledged();
      } else {
        // Another writer moved the deal on: go on without If-Match once, then with the new revision.
        revision = undefined;
      }
    } catch (error) {
      // The connection died with the server: the command stays 'unanswered'.
      if (killed()) return;
      throw error;
    }
  }
}

/** Registers the deal; resolves with the command id of its registration. */
async function register(url: string, key: string, dealId: string, context: string): Promise<string> {
  const commandId = randomUUID();
  const response = await fetch(`${url}/deals`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': commandId },
    body: JSON.stringify(smallDeal(dealId)),
  });
  if (response.status !== 201) throw new Error(`${context}: registering ${dealId} answered ${response.status}: ${await response.text()}`);
  return commandId;
}

interface Row {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  commandId: string;
}

/**
 * The deals' events past their registration are exactly those of the 201s (each once, on
 * its deal, as answered) plus, for some commands the kill left unanswered, all of their
 * events; none of a refused command; positions and revisions without gaps.
 */
function expectLogHoldsExactly(file: string, dealIds: string[], sent: Sent[], registrations: Set<string>, context: string): void {
  const db = new Database(file, { readonly: true });
  let rows: Row[];
  let all: { position: number }[];
  try {
    all = db.prepare('SELECT position FROM events ORDER BY position').all() as { position: number }[];
    rows = db
      .prepare(
        `SELECT position, event_id AS eventId, stream_id AS streamId, revision, json_extract(metadata, '$.commandId') AS commandId
         FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY position`,
      )
      .all(JSON.stringify(dealIds.map((id) => `deal-${id}`))) as Row[];
  } finally {
    db.close();
  }
  expect({ context, positionGap: all.findIndex((row, i) => row.position !== i + 1) }).toEqual({ context, positionGap: -1 });

  const byCommand = new Map<string, Row[]>();
  for (const row of rows) byCommand.set(row.commandId, [...(byCommand.get(row.commandId) ?? []), row]);
  const byKey = new Map(sent.map((s) => [s.key, s]));
  const problems: string[] = [];
  for (const command of sent) {
    const stored = byCommand.get(command.key) ?? [];
    if (command.status === 201) {
      const storedIds = stored.map((r) => r.eventId);
      if (JSON.stringify(storedIds) !== JSON.stringify(command.eventIds)) {
        problems.push(`201 ${command.key}: answered ${JSON.stringify(command.eventIds)}, stored ${JSON.stringify(storedIds)}`);
      }
      if (stored.some((r) => r.streamId !== `deal-${command.dealId}`) || stored.at(-1)?.revision !== command.revision) {
        problems.push(`201 ${command.key}: stored elsewhere than answered (${JSON.stringify(stored)}, revision ${command.revision})`);
      }
    } else if (command.status !== 'unanswered' && stored.length > 0) {
      problems.push(`${command.status} ${command.key}: refused, yet stored ${stored.length} event(s)`);
    }
    // Whatever was stored of a command is one whole run on its deal: contiguous revisions.
    if (stored.some((r, i) => r.streamId !== `deal-${command.dealId}` || (i > 0 && r.revision !== stored[i - 1]!.revision + 1))) {
      problems.push(`${command.key}: not one whole run (${JSON.stringify(stored)})`);
    }
  }
  for (const commandId of byCommand.keys()) {
    if (!byKey.has(commandId) && !registrations.has(commandId)) problems.push(`stored, never sent: ${commandId}`);
  }
  const revisions = new Map<string, number>();
  for (const row of rows) {
    const expected = revisions.get(row.streamId) ?? 0;
    if (row.revision !== expected) problems.push(`${row.streamId} jumps to revision ${row.revision} at position ${row.position}, expected ${expected}`);
    revisions.set(row.streamId, row.revision + 1);
  }
  expect({ context, problems: problems.slice(0, 10) }).toEqual({ context, problems: [] });
}
