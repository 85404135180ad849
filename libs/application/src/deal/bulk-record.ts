import { dealStreamName, type DealCommand } from '#domain';
import { DuplicateEventIdError, InvalidArgumentError, WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent } from '#event-store';
import type { CommandContext, CommandSettings } from '../command-context.js';
import { nameSealingOf } from '../records/personal-data/personal-data-sealer.js';
import { eventsOfEarlierRun } from '../command-handling/idempotency.js';
import { loadStreams } from '../command-handling/handle-command.js';
import { dealFold, loadDeal, type LoadedDeal } from './load-deal.js';
import { batchReferences } from './batch-references.js';
import { knownReferencesOf, type ReferenceReader } from './deal-references.js';
import { dealStreamCommand } from './record-on-deal-stream.js';

export interface BulkItem {
  command: DealCommand;
  context: CommandContext;
}

export type BulkOutcome = { ok: true; eventCount: number; replayed: boolean } | { ok: false; error: unknown };

interface PendingStream {
  deal: LoadedDeal;
  expectedRevision: ExpectedRevision;
  /** The batch's events for this stream: a command id seen here is a retry, as in the stream. */
  events: NewEvent[];
}

/**
 * Records many commands with one atomic write per batch instead of one per command:
 * each command is decided in order against the state its predecessors left, and all
 * the batch's events are appended together. A command the rules refuse is reported
 * and skipped; the others go on. If another writer got in between, the batch is not
 * forced: its commands are then recorded one by one through `recordOne`; so are they when
 * the store takes the batch's events as too many or too large for one write (KurrentDB
 * bounds an atomic write's size), since each command alone may fit.
 */
export async function recordInBatch(
  store: EventStore,
  items: readonly BulkItem[],
  settings: Pick<CommandSettings, 'effectiveWindow' | 'personalData'>,
  recordOne: (item: BulkItem) => Promise<BulkOutcome>,
): Promise<BulkOutcome[]> {
  const streams = await preloaded(store, items);
  // A deal registered earlier in this batch is not in the store yet, but may be linked to.
  const references = batchReferences(store, (dealId) => streams.get(dealStreamName(dealId))?.deal.state.registered === true);
  const outcomes: BulkOutcome[] = [];
  for (const item of items) {
    try {
      outcomes.push(await decideInto(store, streams, references, item, settings));
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }

  const appends = [...streams.entries()]
    .filter(([, s]) => s.events.length > 0)
    .map(([streamId, s]) => ({ streamId, events: s.events, expectedRevision: s.expectedRevision }));
  if (appends.length === 0) return outcomes;
  try {
    await store.appendMany(appends);
    return outcomes;
  } catch (error) {
    const tooBigTogether = error instanceof InvalidArgumentError && error.argument === 'appends';
    if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError || tooBigTogether)) throw error;
    const retried: BulkOutcome[] = [];
    for (const [i, item] of items.entries()) retried.push(outcomes[i]!.ok ? await recordOne(item) : outcomes[i]!);
    return retried;
  }
}

/**
 * The batch's deal streams, read together: one query on SQLite instead of one per deal.
 * If that read fails, each command reads its own stream when decided, and fails alone,
 * as it would have.
 */
async function preloaded(store: EventStore, items: readonly BulkItem[]): Promise<Map<string, PendingStream>> {
  const streamIds = new Set<string>();
  for (const { command } of items) {
    try {
      streamIds.add(dealStreamName(command.dealId));
    } catch {
      // A bad deal id is the command's own failure, reported when it is decided.
    }
  }
  const streams = new Map<string, PendingStream>();
  try {
    for (const [streamId, deal] of await loadStreams(store, [...streamIds], dealFold)) {
      streams.set(streamId, { deal, expectedRevision: deal.revision, events: [] });
    }
  } catch {
    streams.clear();
  }
  return streams;
}

/** The command path's load, idempotency rule and decision, with the append left to the batch. */
async function decideInto(
  store: EventStore,
  streams: Map<string, PendingStream>,
  references: ReferenceReader,
  { command, context }: BulkItem,
  { effectiveWindow, personalData }: Pick<CommandSettings, 'effectiveWindow' | 'personalData'>,
): Promise<BulkOutcome> {
  const known = await knownReferencesOf(command, references, context.receivedAt);
  const sealing = nameSealingOf(personalData, { dryRun: false });
  const { streamId, fold, decide, encode, idempotency } = dealStreamCommand(command, context, effectiveWindow, known, sealing);
  let pending = streams.get(streamId);
  if (!pending) {
    const deal = await loadDeal(store, streamId);
    pending = { deal, expectedRevision: deal.revision, events: [] };
    streams.set(streamId, pending);
  }
  const earlier = eventsOfEarlierRun(pending.deal.events, idempotency) ?? eventsOfEarlierRun(pending.events, idempotency);
  if (earlier) return { ok: true, eventCount: 0, replayed: true };

  const decided = decide(pending.deal.state);
  pending.deal = { ...pending.deal, state: decided.reduce(fold.evolve, pending.deal.state) };
  pending.events.push(...encode(decided));
  return { ok: true, eventCount: decided.length, replayed: false };
}
