import { recordDealCommand, recordInBatch, type BulkItem, type BulkOutcome, type CommandSettings } from '#application';
import { DEFAULT_EFFECTIVE_WINDOW } from '#domain';
import { SqliteEventStore, type EventStore } from '#event-store';
import { commandOf, type FactLine } from './deal-facts.js';
import { factLine } from './deal-facts.js';

export const SETUP_ACTOR = 'bench:setup';

/**
 * When the bench's commands are received: after the last of its facts' days (one a day
 * from 2025-01-01), so that no time guard refuses a generated fact; the guards cost the same.
 */
export const BENCH_RECEIVED_AT = '2100-01-01T00:00:00.000Z';

/** The server's defaults, as `ledger serve` has them. */
export const BENCH_SETTINGS: CommandSettings = { maxConflictRetries: 20, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };

export function bulkItemOf(line: FactLine, actor = SETUP_ACTOR): BulkItem {
  const { commandId } = line;
  return { command: commandOf(line), context: { actor, commandId, correlationId: commandId, causationId: commandId, receivedAt: BENCH_RECEIVED_AT } };
}

/**
 * The facts of `deals` deals, `factsPerDeal` each, a block of deals at a time and
 * round-robin inside a block: deal 0 fact 0, deal 1 fact 0, …, deal 0 fact 1, … so the
 * log interleaves deals as a real one does, while each block (one atomic write) loads
 * each of its streams once.
 */
export function* factBlocks(
  deals: number,
  factsPerDeal: number,
  blockDeals: number,
  firstFact = 0,
): Generator<FactLine[]> {
  for (let start = 0; start < deals; start += blockDeals) {
    const end = Math.min(deals, start + blockDeals);
    const block: FactLine[] = [];
    for (let k = firstFact; k < firstFact + factsPerDeal; k++) {
      for (let deal = start; deal < end; deal++) block.push(factLine(deal, k));
    }
    yield block;
  }
}

/**
 * Setup only (not measured): records facts through the application's bulk path, one
 * atomic write per block. Any refused command is a bug in the generator: it throws.
 */
export async function recordBlocks(store: EventStore, blocks: Iterable<FactLine[]>): Promise<void> {
  const recordOne = async ({ command, context }: BulkItem): Promise<BulkOutcome> => {
    const result = await recordDealCommand(store, command, context, { ...BENCH_SETTINGS, maxConflictRetries: 5 });
    return { ok: true, eventCount: result.eventIds.length, replayed: result.replayed };
  };
  for (const block of blocks) {
    const outcomes = await recordInBatch(store, block.map((line) => bulkItemOf(line)), BENCH_SETTINGS, recordOne);
    const failed = outcomes.findIndex((o) => !o.ok);
    if (failed >= 0) {
      const outcome = outcomes[failed] as { error: unknown };
      throw new Error(`setup: ${block[failed]!.commandId} was refused: ${String((outcome.error as Error)?.message ?? outcome.error)}`);
    }
  }
}

/** A ledger store file holding `deals` deals with `factsPerDeal` facts each. */
export async function writeLedgerStore(file: string, deals: number, factsPerDeal: number): Promise<void> {
  // NORMAL and a large WAL: setup speed only; the measured workloads reopen with FULL.
  const store = await SqliteEventStore.open({ file, synchronous: 'NORMAL', walAutocheckpoint: 20_000 });
  try {
    const blockDeals = Math.max(1, Math.floor(10_000 / factsPerDeal));
    await recordBlocks(store, factBlocks(deals, factsPerDeal, blockDeals));
  } finally {
    // The last connection to close checkpoints the WAL into the file: it can be copied.
    await store.close();
  }
}
