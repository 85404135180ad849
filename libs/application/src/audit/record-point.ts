import type { EventStore } from '#event-store';
import { positionBefore, type AuditReader } from '#projections';
import { ApplicationError } from '../application.errors.js';
import type { ReadModelProgress } from '../tokens.js';

/** A moment of the record: a global position, or an instant (the record as it stood then). */
export type RecordPoint = { position: number } | { time: string };

/** What fixing a moment of the record needs: the log's head, the read models' progress, the clock. */
export interface RecordPointSources {
  store: EventStore;
  audit: AuditReader;
  readModels: ReadModelProgress;
  /** The server's clock: the one the store stamps commit times with. */
  clock: () => Date;
  /** How long to wait for the read models to show the moment (as a command waits for its write). */
  waitMs: number;
}

/**
 * The position a moment of the record stands for, only if the answer at it can never
 * change: asked again later, after any number of writes, it must be the same (issue 13,
 * item 7b). So a position must be in the log already (not beyond its head), an instant
 * must be past (strictly before the clock: a write in the same millisecond would be
 * stamped with it), and the read models must have applied every event up to the moment
 * before it is answered from them, or a lagging replica would answer with less.
 * `field` names the parameter in the error (`knownAt`, `from`, `to`).
 */
export async function fixedPositionOf(point: RecordPoint, field: string, sources: RecordPointSources): Promise<number> {
  if ('position' in point) {
    const head = await sources.store.headPosition();
    if (point.position > head) throw knownAtBeyondHead(field, point.position, head);
    await readModelsReach(point.position, sources);
    return point.position;
  }
  const instant = Date.parse(point.time);
  const now = sources.clock();
  if (instant >= now.getTime()) throw knownAtInFuture(field, point.time, now);
  // Commit times never go back along the log, so every event recorded by `instant` is at
  // or before the head read after the clock. When the read models have not reached the
  // head, wait only for the last event recorded by then (a few reads to find it).
  const head = await sources.store.headPosition();
  if (!(await sources.readModels.waitFor(head, 0))) {
    await readModelsReach(await positionBefore(sources.store, new Date(instant + 1)), sources);
  }
  return sources.audit.positionAt(new Date(instant).toISOString());
}

async function readModelsReach(position: number, sources: RecordPointSources): Promise<void> {
  if (await sources.readModels.waitFor(position, sources.waitMs)) return;
  throw new ApplicationError(
    'READ_MODEL.BEHIND',
    `The read models of this replica have not reached position ${position} yet: try again shortly`,
    'unavailable',
    { minPosition: String(position) },
  );
}

export const knownAtBeyondHead = (field: string, position: number, head: number): ApplicationError =>
  new ApplicationError(
    'AUDIT.KNOWN_AT_BEYOND_HEAD',
    `${field} is beyond the end of the log (position ${head}): the record at a position not yet written is not fixed`,
    'invalid',
    { field, position: String(position), head: String(head) },
  );

export const knownAtInFuture = (field: string, time: string, now: Date): ApplicationError =>
  new ApplicationError(
    'AUDIT.KNOWN_AT_IN_FUTURE',
    `${field} is not in the past (now is ${now.toISOString()}): the record at a moment still to come is not fixed`,
    'invalid',
    { field, knownAt: time, now: now.toISOString() },
  );
