import { factLine, httpPathOf, OPENING_FACTS } from '../deals/deal-facts.js';
import { HttpClient, revisionOfEtag } from './http-client.js';

export interface CommandOutcome {
  latencyMs: number;
  status: number;
}

/**
 * Sends each deal's next fact as a POST with `If-Match: "<revision>"`, the revision the
 * previous answer's ETag gave. One writer per deal at a time, so a 412 means a bug.
 */
export class DealWriter {
  private readonly nextFact = new Map<number, number>();
  private readonly revisions = new Map<number, number>();
  private readonly busy = new Set<number>();
  readonly statuses = new Map<number, number>();

  constructor(
    private readonly client: HttpClient,
    private readonly writerKey: string,
  ) {}

  /** Records the deal's next fact; resolves when the answer is in (the read model shows it). */
  async write(deal: number): Promise<CommandOutcome> {
    if (this.busy.has(deal)) throw new Error(`deal ${deal} already has a command in flight`);
    this.busy.add(deal);
    const k = this.nextFact.get(deal) ?? OPENING_FACTS;
    const line = factLine(deal, k);
    const revision = this.revisions.get(deal) ?? OPENING_FACTS - 1;
    const started = process.hrtime.bigint();
    try {
      const answer = await this.client.send(
        'POST',
        httpPathOf(line),
        { authorization: `Bearer ${this.writerKey}`, 'if-match': `"${revision}"`, 'idempotency-key': line.commandId },
        JSON.stringify(line.body),
      );
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 201) {
        this.nextFact.set(deal, k + 1);
        this.revisions.set(deal, revisionOfEtag(answer.etag) ?? revision + 1);
      }
      return { latencyMs, status: answer.status };
    } finally {
      this.busy.delete(deal);
    }
  }

  /** Answers other than 201 Created, e.g. "412×3" (empty when there were none). */
  failures(): string {
    return [...this.statuses.entries()]
      .filter(([status]) => status !== 201)
      .map(([status, count]) => `${status}×${count}`)
      .join(', ');
  }
}

