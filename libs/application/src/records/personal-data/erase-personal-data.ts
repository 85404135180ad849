import { dealIdFromStreamName, partyIdFromStreamName, recordsStreamName } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { personalDataToken } from '#verifier';
import { ApplicationError } from '../../application.errors.js';
import { decideAction } from '../../admin/record-admin-event.js';
import type { StreamFold } from '../../command-handling/handle-command.js';
import { holdsCovering, partiesNamedIn, underLegalHold, type HeldRecordCandidate, type LegalHold, type LegalHoldsInForce } from '../legal-hold.js';
import type { PersonalDataVault, VaultEntry } from './personal-data-vault.js';

const SUBJECT = /^[0-9a-f]{64}$/;
/** Where erasures are recorded: a records stream, so subscribers receive them. */
const PERSONAL_DATA_RECORDS = recordsStreamName('personal-data');
const MAX_REASON_LENGTH = 500;

export interface ErasureDependencies {
  store: EventStore;
  vault: PersonalDataVault;
  holds: LegalHoldsInForce;
}

export interface Erasure {
  subject: string;
  reason: string;
  erasedAt: string;
  erasureId: string;
  /** The streams whose events named the subject: they now read the erasure's wording. */
  streams: string[];
}

/**
 * `ledger erase` / `POST /admin/personal-data/erasures`: destroys a subject's name and salt.
 * Refused while any event naming it is under a legal hold. The erasure is recorded in the log
 * first, then applied to the vault from the log (the same path a restart takes), so a crash
 * between the two is mended on the next start and an erasure never goes unrecorded. It is
 * recorded in `records-personal-data`, a published stream: subscribers that received the name
 * (resolved in their copies of the events) hear of its erasure and forget them.
 */
export async function erasePersonalData(
  deps: ErasureDependencies,
  request: { subject: unknown; reason: unknown },
  actor: string,
): Promise<Erasure> {
  const subject = validSubject(request.subject);
  const reason = validReason(request.reason);
  const entry = deps.vault.entries([subject]).get(subject);
  if (!entry) throw subjectNotFound(subject);
  if (entry.erasure) throw alreadyErased(subject, entry.erasure.erasedAt);
  const naming = await eventsNaming(deps.store, entry);
  const held = await holdsOver(deps, naming);
  if (held.length > 0) throw underLegalHold('Erasing this subject', held);
  const eventIds = naming.flatMap(({ events }) => events.map((event) => event.eventId));
  // Decided on the erasures already recorded: of two admins erasing one subject at once, one records it, the other is refused.
  await decideAction(
    deps.store,
    PERSONAL_DATA_RECORDS,
    erasedSubjects,
    (erased) => {
      if (erased.has(subject)) throw alreadyErased(subject, 'a moment ago');
      return { type: 'PersonalDataErased.v1', data: { subject, reason, streams: entry.streams, eventIds } };
    },
    actor,
  );
  await applyRecordedErasures(deps.store, deps.vault);
  const erasure = deps.vault.entries([subject]).get(subject)?.erasure;
  if (!erasure) throw new Error(`The erasure of ${subject} was recorded but the vault still holds the name`);
  return { subject, reason, erasedAt: erasure.erasedAt, erasureId: erasure.erasureId, streams: entry.streams };
}

/**
 * Applies every recorded erasure to the vault; erasing twice changes nothing. Run at start,
 * it mends a crash between recording and applying, and a vault restored from a backup taken
 * before an erasure the log holds.
 */
export async function applyRecordedErasures(store: EventStore, vault: PersonalDataVault): Promise<number> {
  let applied = 0;
  for (const event of await store.readStream(PERSONAL_DATA_RECORDS)) {
    if (event.type !== 'PersonalDataErased.v1') continue;
    const { subject, reason } = event.data as { subject: string; reason: string };
    if (vault.erase(subject, { erasedAt: event.recordedAt, reason, erasureId: event.eventId })) applied += 1;
  }
  return applied;
}

/** The subjects the log says are erased. */
const erasedSubjects: StreamFold<ReadonlySet<string>, string> = {
  initialState: new Set(),
  decode: (recorded) => (recorded.type === 'PersonalDataErased.v1' ? (recorded.data as { subject: string }).subject : undefined),
  evolve: (erased, subject) => new Set([...erased, subject]),
};

/** The events that hold a subject's token, stream by stream, with the parties each stream involves (for holds on a party). */
type EventsNaming = { streamId: string; events: RecordedEvent[]; partyIds: string[] }[];

async function eventsNaming(store: EventStore, entry: VaultEntry): Promise<EventsNaming> {
  const token = personalDataToken(entry.commitment);
  const naming: EventsNaming = [];
  for (const streamId of entry.streams) {
    const all = await store.readStream(streamId);
    const involved = partiesNamedIn(all.map((event) => event.data));
    const ownParty = partyIdFromStreamName(streamId);
    if (ownParty !== undefined) involved.add(ownParty);
    naming.push({ streamId, events: all.filter((event) => JSON.stringify(event.data).includes(token)), partyIds: [...involved] });
  }
  return naming;
}

/** The holds covering any event that names the subject. */
async function holdsOver(deps: ErasureDependencies, naming: EventsNaming): Promise<LegalHold[]> {
  const holds = await deps.holds();
  const covering = new Map<string, LegalHold>();
  for (const { streamId, events, partyIds } of naming) {
    for (const event of events) {
      const candidate: HeldRecordCandidate = { dealId: dealIdFromStreamName(streamId), partyIds, recordedAt: event.recordedAt };
      for (const hold of holdsCovering(holds, candidate)) covering.set(hold.holdId, hold);
    }
  }
  return [...covering.values()];
}

function validSubject(subject: unknown): string {
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) {
    throw new ApplicationError('PERSONAL_DATA.INVALID_SUBJECT', 'subject must be the 64 hex digits of a commitment (GET /admin/personal-data?name=… finds it)', 'invalid', {
      field: 'subject',
    });
  }
  return subject;
}

function validReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_LENGTH) {
    throw new ApplicationError('PERSONAL_DATA.INVALID_REASON', `reason must be a non-empty text of at most ${MAX_REASON_LENGTH} characters (the request or rule the erasure answers)`, 'invalid', {
      field: 'reason',
    });
  }
  return reason.trim();
}

const subjectNotFound = (subject: string): ApplicationError =>
  new ApplicationError('PERSONAL_DATA.SUBJECT_NOT_FOUND', `No name with subject ${subject} is held`, 'not_found', { field: 'subject', subject });

const alreadyErased = (subject: string, erasedAt: string): ApplicationError =>
  new ApplicationError('PERSONAL_DATA.ALREADY_ERASED', `Subject ${subject} was erased on ${erasedAt}`, 'conflict', { subject, erasedAt });
