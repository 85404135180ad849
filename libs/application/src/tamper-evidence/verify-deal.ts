import type { Database } from 'better-sqlite3';
import { assertValidId, dealStreamName } from '#domain';
import { ChainVerifier, DisposalRegistry, UnreadableEventError, unreadableEventProblem, type ChainProblem, type EventStore, type RecordedEvent } from '#event-store';
import { leafHash, openCheckpoint, verifyInclusion, verifyTimestampReply, type VerifierKey } from '#verifier';
import { dealNotFound } from '../queries/get-deal.query.js';
import { checkDealReadModel } from '../read-model-check/check-deal-read-model.js';
import type { ReadModelDifference } from '../read-model-check/read-model-difference.js';
import type { TransparencyLog } from './transparency-log.js';

export interface DealVerification {
  dealId: string;
  /** Every check below holds. */
  ok: boolean;
  /** The deal's events chain to each other, each one as it was hashed. */
  chain: { ok: boolean; events: number; problem?: ChainProblem };
  /** The checkpoint the deal is proved in (the most cosigned covering it, else the latest): signed by the ledger's key, who cosigned and timestamped it. */
  checkpoint?: {
    treeSize: number;
    signedAt: string;
    origin: string;
    cosigners: { name: string; timestamp: number }[];
    timestamp?: { genTime: string; verified: boolean };
  };
  /** Events proved in that checkpoint's tree (each inclusion proof checked against its signed root). */
  included: { revision: number; position: number; leafIndex: number }[];
  /** Events after the checkpoint: protected by their chain only until the next one. */
  notYetCheckpointed: { revision: number; position: number }[];
  /** The deal's read-model rows equal a fresh fold of its events. */
  readModel: { ok: boolean; differences: ReadModelDifference[] };
  problem?: ChainProblem;
}

/**
 * `GET /deals/:dealId/verification` and `ledger verify --deal`: what this deal's answers
 * rest on, checked end to end for this deal alone: its chain, its stream against what the log
 * tree took in of it, each event's inclusion under a signed checkpoint, and the rows that
 * serve it against its events.
 */
export async function verifyDeal(
  store: EventStore,
  log: TransparencyLog,
  readModels: Database,
  dealId: string,
  trust: { ledgerKey: VerifierKey; tsaTrustAnchorsPem?: readonly string[] },
): Promise<DealVerification> {
  assertValidId(dealId, 'dealId');
  let events: RecordedEvent[];
  try {
    events = await store.readStream(dealStreamName(dealId));
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
    const problem = unreadableEventProblem(error);
    const readModel = { ok: false, differences: [] };
    return { dealId, ok: false, chain: { ok: false, events: 0, problem }, included: [], notYetCheckpointed: [], readModel, problem };
  }
  if (events.length === 0) throw dealNotFound(dealId);

  const chain = checkChain(events, events.some((e) => e.disposal) ? await DisposalRegistry.load(store) : undefined);
  const differences = await checkDealReadModel(store, readModels, dealId);
  const readModel = { ok: differences.length === 0, differences };
  const checkpoint = log.checkpointCovering(events.at(-1)!.position) ?? log.book.latest();
  const proved = checkpoint ? await proveInclusion(log, checkpoint.treeSize, events, trust) : undefined;
  const problem = chain.problem ?? treeProblem(log, events) ?? proved?.problem;
  const provedAt = new Set(proved?.included.map((i) => i.position));
  return {
    dealId,
    ok: problem === undefined && readModel.ok,
    chain,
    ...(proved?.checkpoint ? { checkpoint: proved.checkpoint } : {}),
    included: proved?.included ?? [],
    notYetCheckpointed: events
      .filter((e) => !provedAt.has(e.position))
      .map(({ revision, position }) => ({ revision, position })),
    readModel,
    ...(problem ? { problem } : {}),
  };
}

/**
 * The deal's stream against what the tree took in of it: an event the tree has passed but
 * holds no leaf for was put in afterwards; a stream head the tree took in that the stream no
 * longer has was removed or replaced. And a halted tree says why.
 */
function treeProblem(log: TransparencyLog, events: readonly RecordedEvent[]): ChainProblem | undefined {
  const halted = log.follower.status().problem;
  if (halted) return halted;
  const reached = log.tree.lastPosition();
  const inserted = events.find((e) => e.position <= reached && log.tree.leafIndexOf(e.position) === undefined);
  if (inserted) {
    return {
      code: 'TREE.LEAF_MISMATCH',
      message: `${inserted.streamId}@${inserted.revision} (position ${inserted.position}) is not in the log tree, which has passed its position: it was put in the log afterwards`,
      streamId: inserted.streamId,
      revision: inserted.revision,
      position: inserted.position,
      eventId: inserted.eventId,
    };
  }
  const streamId = events[0]!.streamId;
  const head = log.follower.streamHead(streamId);
  if (head && events[head.revision]?.hash !== head.hash) {
    return {
      code: 'TREE.LEAF_MISMATCH',
      message: `The log tree took in ${streamId}@${head.revision} with hash ${head.hash}, which the stream no longer holds: it was removed or replaced`,
      streamId,
      revision: head.revision,
      expectedHash: head.hash,
      ...(events[head.revision] ? { foundHash: events[head.revision]!.hash } : {}),
    };
  }
  return undefined;
}

function checkChain(events: readonly RecordedEvent[], disposals: DisposalRegistry | undefined): DealVerification['chain'] {
  // One stream alone: commit times are checked within it, positions only for their order.
  const verifier = new ChainVerifier({ globalTimeOrder: false, ...(disposals ? { disposals: disposals.lookup } : {}) });
  for (const event of events) {
    const problem = verifier.check(event);
    if (problem) return { ok: false, events: verifier.events, problem };
  }
  return { ok: true, events: verifier.events };
}

async function proveInclusion(
  log: TransparencyLog,
  treeSize: number,
  events: readonly RecordedEvent[],
  trust: { ledgerKey: VerifierKey; tsaTrustAnchorsPem?: readonly string[] },
): Promise<{ checkpoint?: DealVerification['checkpoint']; included: DealVerification['included']; problem?: ChainProblem }> {
  const stored = log.book.at(treeSize)!;
  const source = `checkpoint ${treeSize}`;
  const opened = openCheckpoint(log.book.published(treeSize)!, trust.ledgerKey);
  if (!opened.ok) {
    return { included: [], problem: { code: 'CHECKPOINT.SIGNATURE_INVALID', message: `${source}: ${opened.reason}`, checkpoint: { treeSize, source } } };
  }
  const stamp = log.book.timestamp(treeSize);
  const timestamp = stamp && {
    genTime: stamp.genTime,
    verified: trust.tsaTrustAnchorsPem
      ? (await verifyTimestampReply(stamp.reply, Buffer.from(stored.note, 'utf8'), { trustAnchorsPem: trust.tsaTrustAnchorsPem })).ok
      : false,
  };
  const checkpoint = {
    treeSize,
    signedAt: stored.signedAt,
    origin: opened.checkpoint.origin,
    cosigners: log.cosigners(treeSize).map(({ name, timestamp }) => ({ name, timestamp })),
    ...(timestamp ? { timestamp } : {}),
  };
  const included: DealVerification['included'] = [];
  for (const event of events) {
    const leafIndex = log.tree.leafIndexOf(event.position);
    if (leafIndex === undefined || leafIndex >= treeSize) continue;
    const proved = verifyInclusion({
      leafIndex,
      treeSize,
      leafHash: leafHash(Buffer.from(event.hash, 'hex')),
      auditPath: log.tree.inclusionProof(leafIndex, treeSize),
      root: opened.checkpoint.rootHash,
    });
    if (!proved.ok) {
      return {
        checkpoint,
        included,
        problem: {
          code: 'CHECKPOINT.ROOT_MISMATCH',
          message: `${event.streamId}@${event.revision} (position ${event.position}) is not proved in the checkpoint of tree size ${treeSize}: ${proved.reason}`,
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          leafIndex,
          checkpoint: { treeSize, source },
        },
      };
    }
    included.push({ revision: event.revision, position: event.position, leafIndex });
  }
  return { checkpoint, included };
}
