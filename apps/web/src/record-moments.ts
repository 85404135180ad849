import { getJson } from './api.js';
import { eventTypeInWords, formatInstant } from './format.js';
import type { EventPage } from './types.js';

/** One moment of a deal's record: an event, where it sits in the log, and when it was written. */
export interface RecordMoment {
  revision: number;
  position: string;
  recordedAt: string;
  type: string;
  actor?: string;
  figureIds: string[];
}

const PAGE = 1000;

/** Every event of the deal, in order, as moments a reader can pick. */
export async function loadRecordMoments(dealId: string, signal?: AbortSignal): Promise<RecordMoment[]> {
  const moments: RecordMoment[] = [];
  let fromRevision = 0;
  for (;;) {
    const { body } = await getJson<EventPage>(`/deals/${encodeURIComponent(dealId)}/events`, { fromRevision, limit: PAGE }, signal);
    for (const event of body.events) {
      moments.push({
        revision: event.revision,
        position: event.position,
        recordedAt: event.recordedAt,
        type: event.type,
        ...(event.metadata.actor ? { actor: event.metadata.actor } : {}),
        figureIds: figureIdsOf(event.data),
      });
    }
    if (body.events.length < PAGE || body.nextRevision === undefined) return moments;
    fromRevision = body.nextRevision;
  }
}

function figureIdsOf(data: Record<string, unknown>): string[] {
  if (typeof data['figureId'] === 'string') return [data['figureId']];
  return [];
}

/**
 * "2026-11-26 10:36:25.543 UTC · figure revised: Investment in Caremag by … · by local-admin":
 * when, what kind of change, to which figure (by its name when `labelOf` knows it). The log
 * position is the ledger's word, not the reader's: it stays in the technical details.
 */
export function momentInWords(moment: RecordMoment, labelOf: (figureId: string) => string = (id) => id): string {
  const about = moment.figureIds.length > 0 ? `: ${moment.figureIds.map(labelOf).join(', ')}` : '';
  const by = moment.actor ? ` · by ${moment.actor}` : '';
  return `${formatInstant(moment.recordedAt)} · ${eventTypeInWords(moment.type)}${about}${by}`;
}

/** The last moment at or before a position (cursors are compared as the numbers they are today). */
export function momentAtOrBefore(moments: readonly RecordMoment[], position: string): number {
  let found = -1;
  moments.forEach((m, i) => {
    if (comparePositions(m.position, position) <= 0) found = i;
  });
  return found;
}

/**
 * Cursors are opaque; this page only orders the ones the ledger handed it for this deal,
 * and falls back to string order if they ever stop being decimal.
 */
function comparePositions(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
