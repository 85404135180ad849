import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STALE_HEADER } from '../../../apps/api/src/http/stale/stale-answer.js';
import { runCliAsync } from '../../support/cli.js';
import { percentageMetric, smallDeal } from '../../support/small-deal.js';



interface SentCommand {
  dealId: string;
  idempotencyKey: string;
  body: unknown;
  /** The 201's event ids, once the command was acknowledged. */
  eventIds?: string[];
  /** The deal's revision after it: from its 201, or from a 503 that says it was recorded. */
  revision?: number;
}

export interface ReadSeen {
  dealId: string;
  status: number;
  revision?: number;
  stale: boolean;
  /** The highest revision acknowledged for the deal before the read was sent. */
  acknowledgedRevision: number;
}

/**
 * Drives a ledger through a fault the way its clients would, and checks the four things
 * every fault must leave true (issue "Faults survived"):
 * 1. nothing acknowledged is lost and nothing is stored twice or unasked (`expectLogHoldsExactlyTheAcknowledged`);
 * 2. every component is back to `running` on its own (`waitUntilHealed`);
 * 3. no stale answer without the stale marker (`expectNoUnmarkedStaleRead`);
 * 4. `ledger verify --read-models` is intact: the read models equal their events (`expectVerifiedWithReadModels`).
 * A command that was refused (503) is sent again with the same Idempotency-Key after the
 * fault, as a client retrying does: it is then recorded once, or replayed if it was recorded.
 */
export class FaultDrill {
  readonly commands: SentCommand[] = [];
  readonly reads: ReadSeen[] = [];
  readonly refusals: { status: number; code: string; retryAfter: string | null }[] = [];
  private figure = 0;

  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.key}`, 'Content-Type': 'application/json', ...extra };
  }

  async registerDeal(dealId: string): Promise<void> {
    const response = await fetch(`${this.url}/deals`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(smallDeal(dealId)),
    });
    if (response.status !== 201) throw new Error(`registering ${dealId}: ${response.status} ${await response.text()}`);
  }

  /** Reports one more figure on the deal; resolves with the status (201, or a refusal). */
  async recordFigure(dealId: string): Promise<number> {
    this.figure += 1;
    const figureId = `share-${this.figure}`;
    const command: SentCommand = {
      dealId,
      idempotencyKey: randomUUID(),
      body: percentageMetric(figureId, String(this.figure % 100)),
    };
    this.commands.push(command);
    return this.send(command);
  }

  private async send(command: SentCommand): Promise<number> {
    const response = await fetch(`${this.url}/deals/${command.dealId}/metrics`, {
      method: 'POST',
      headers: this.headers({ 'Idempotency-Key': command.idempotencyKey }),
      body: JSON.stringify(command.body),
    });
    const body = (await response.json()) as { eventIds?: string[]; revision?: number; code?: string; details?: { recorded?: boolean; revision?: number } };
    if (response.status === 201) {
      command.eventIds = body.eventIds;
      command.revision = body.revision;
    } else {
      // Recorded, not yet readable: a read after this must show it, or say it is stale.
      if (body.details?.recorded === true) command.revision = body.details.revision;
      this.refusals.push({ status: response.status, code: String(body.code), retryAfter: response.headers.get('retry-after') });
    }
    return response.status;
  }

  /** Reads the deal now and notes whether the answer says it is stale. */
  async readDeal(dealId: string): Promise<ReadSeen> {
    const acknowledgedRevision = Math.max(-1, ...this.commands.filter((c) => c.dealId === dealId && c.revision !== undefined).map((c) => c.revision!));
    const response = await fetch(`${this.url}/deals/${dealId}`, { headers: this.headers() });
    const body = (await response.json()) as { revision?: number; stale?: unknown };
    const headerStale = response.headers.get(STALE_HEADER) !== null;
    const seen: ReadSeen = {
      dealId,
      status: response.status,
      ...(response.status === 200 ? { revision: body.revision } : {}),
      stale: headerStale,
      acknowledgedRevision,
    };
    if (response.status === 200 && headerStale !== (body.stale !== undefined)) {
      throw new Error(`the stale header and the body's stale member disagree: ${JSON.stringify({ headerStale, body: body.stale })}`);
    }
    this.reads.push(seen);
    return seen;
  }

  /** Sends again, with the same key, every command that was not acknowledged. */
  async retryRefused(): Promise<void> {
    for (const command of this.commands) {
      if (command.eventIds) continue;
      const status = await this.send(command);
      if (status !== 201) throw new Error(`a retried command is still refused (${status}): ${JSON.stringify(this.refusals.at(-1))}`);
    }
  }

  /**
   * Polls until every part in /health/ready runs (not only those requests need) and a new
   * command is readable right after its 201, fresh; resolves with the time it took.
   */
  async waitUntilHealed(dealId: string, timeoutMs = 5_000): Promise<number> {
    const started = Date.now();
    let last = '';
    while (Date.now() - started < timeoutMs) {
      const ready = await fetch(`${this.url}/health/ready`);
      const text = await ready.text();
      last = `health/ready ${ready.status}: ${text}`;
      const everyPartRuns = ready.status === 200 && (JSON.parse(text) as { components: { state: string }[] }).components.every((c) => c.state === 'running');
      if (everyPartRuns && (await this.recordFigure(dealId)) === 201) {
        const acknowledged = this.commands.at(-1)!.revision!;
        const read = await this.readDeal(dealId);
        if (read.status === 200 && read.revision === acknowledged && !read.stale) return Date.now() - started;
        last = `a read right after the 201 showed ${JSON.stringify(read)}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`not healed within ${timeoutMs} ms: ${last}`);
  }

  /** Every 200 that shows less than was acknowledged (or said recorded) before it was asked carries the marker. */
  expectNoUnmarkedStaleRead(): void {
    const unmarked = this.reads.filter((read) => read.status === 200 && read.revision! < read.acknowledgedRevision && !read.stale);
    if (unmarked.length > 0) throw new Error(`stale answers without the marker: ${JSON.stringify(unmarked.slice(0, 5))}`);
  }

  /** With the server stopped: the deal events in the store are exactly the acknowledged ones, each once. */
  expectLogHoldsExactlyTheAcknowledged(dataDir: string, dealIds: readonly string[]): void {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT event_id AS eventId, stream_id AS streamId FROM events WHERE type NOT LIKE 'DealRegistered%' AND stream_id IN (${dealIds.map(() => '?').join(',')})`)
        .all(...dealIds.map((id) => `deal-${id}`)) as { eventId: string }[];
      const stored = rows.map((row) => row.eventId).sort();
      const acknowledged = this.commands.flatMap((command) => {
        if (!command.eventIds) throw new Error(`a command was never acknowledged: ${command.idempotencyKey}`);
        return command.eventIds;
      });
      expectSameMembers(stored, acknowledged.sort());
    } finally {
      db.close();
    }
  }
}

function expectSameMembers(stored: string[], acknowledged: string[]): void {
  const duplicates = stored.filter((id, i) => stored[i - 1] === id);
  const lost = acknowledged.filter((id) => !stored.includes(id));
  const unasked = stored.filter((id) => !acknowledged.includes(id));
  if (duplicates.length + lost.length + unasked.length > 0) {
    throw new Error(`the log and the acknowledgements differ: ${JSON.stringify({ duplicates, lost, unasked })}`);
  }
}

/** `ledger verify --read-models` on the stopped ledger's data: the chain is intact and the read models equal their events. */
export async function expectVerifiedWithReadModels(dataDir: string): Promise<void> {
  const run = await runCliAsync(['verify', '--read-models'], { LEDGER_DATA_DIR: dataDir });
  if (run.status !== 0) throw new Error(`ledger verify --read-models failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}
