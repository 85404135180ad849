import { randomBytes } from 'node:crypto';
import { assertValidId, dealStreamName, ErrorCodes, invalid, isIsoTimestamp, notFound, partyStreamName } from '#domain';
import type { EventStore } from '#event-store';
import { ApplicationError } from '../application.errors.js';
import { decideAction, recordAdminEvent } from '../admin/record-admin-event.js';
import { streamExists } from '../command-handling/handle-command.js';
import { LEGAL_HOLDS_STREAM, activeLegalHolds, legalHoldLedger } from './active-legal-holds.js';
import { emptyLegalHoldLedger, evolveLegalHolds, findHold, isLegalHoldEvent, type LegalHoldLedger, type RecordedHoldEvent, type ReleasedLegalHold } from './legal-hold-events.js';
import { holdsCovering, type LegalHold, type LegalHoldScope } from './legal-hold.js';

/** What an admin asks for: the same from HTTP and the CLI. */
export interface PlaceLegalHold {
  scope: LegalHoldScope;
  reason: string;
  reference: string;
}

/** Whether a party id is named by some deal (a deal may name a party before it is registered). */
export type PartyNamedByDeals = (partyId: string) => boolean;

export const legalHoldNotFound = (holdId: string): ApplicationError =>
  new ApplicationError('HOLD.NOT_FOUND', `No legal hold ${holdId} was ever placed`, 'not_found', { field: 'holdId', holdId });

export const legalHoldAlreadyReleased = (hold: ReleasedLegalHold): ApplicationError =>
  new ApplicationError(
    'HOLD.ALREADY_RELEASED',
    `Legal hold ${hold.holdId} was already released on ${hold.releasedAt} by ${hold.releasedBy}`,
    'conflict',
    { field: 'holdId', holdId: hold.holdId, releasedAt: hold.releasedAt, releasedBy: hold.releasedBy },
  );

const holdsFold = {
  initialState: emptyLegalHoldLedger,
  decode: (recorded: RecordedHoldEvent) => (isLegalHoldEvent(recorded) ? recorded : undefined),
  evolve: evolveLegalHolds,
};

/**
 * Places and releases legal holds, each recorded in the `admin-holds` stream under the
 * caller's actor before anyone is told it is done. A hold names something on record (a deal,
 * a party) or a recorded time range; a release is decided on the holds as read, so two admins
 * never both release one hold.
 */
export class LegalHoldBook {
  constructor(
    private readonly store: EventStore,
    private readonly partyNamedByDeals: PartyNamedByDeals = () => false,
  ) {}

  /** Every hold: in force, and released (the admin's history). */
  ledger(): Promise<LegalHoldLedger> {
    return legalHoldLedger(this.store);
  }

  async place(request: PlaceLegalHold, actor: string): Promise<LegalHold> {
    const scope = await this.checkedScope(request.scope);
    requiredText(request.reason, 'reason');
    requiredText(request.reference, 'reference');
    const holdId = `hold-${randomBytes(8).toString('hex')}`;
    const appended = await recordAdminEvent(
      this.store,
      'holds',
      { type: 'LegalHoldPlaced.v1', data: { holdId, scope, reason: request.reason, reference: request.reference } },
      actor,
    );
    // The hold as the ledger recorded it: since its commit time, not a clock read beside it.
    const [recorded] = await this.store.readStream(LEGAL_HOLDS_STREAM, { fromRevision: appended.firstRevision, maxCount: 1 });
    return { holdId, scope, reason: request.reason, reference: request.reference, placedAt: recorded!.recordedAt, placedBy: actor };
  }

  /** Ends a hold in force: 404 for an id never placed, 409 for one already released. */
  async release(holdId: string, reason: string, actor: string): Promise<ReleasedLegalHold> {
    requiredText(reason, 'reason');
    let held: LegalHold | undefined;
    const appended = await decideAction<LegalHoldLedger, RecordedHoldEvent>(
      this.store,
      LEGAL_HOLDS_STREAM,
      holdsFold,
      (ledger) => {
        const found = findHold(ledger, holdId);
        if (!found) throw legalHoldNotFound(holdId);
        if (found.released) throw legalHoldAlreadyReleased(found.released);
        held = found.hold;
        return { type: 'LegalHoldReleased.v1', data: { holdId, reason } };
      },
      actor,
    );
    const [recorded] = await this.store.readStream(LEGAL_HOLDS_STREAM, { fromRevision: appended.firstRevision, maxCount: 1 });
    return { ...held!, releasedAt: recorded!.recordedAt, releasedBy: actor, releaseReason: reason };
  }

  /**
   * The holds in force that cover any record of this deal: a hold on the deal, on one of its
   * parties, or on a time range in which one of its events was recorded. The deal's events are
   * read only when a range hold is in force.
   */
  async onDeal(dealId: string, partyIds: readonly string[]): Promise<LegalHold[]> {
    const holds = await activeLegalHolds(this.store);
    if (holds.length === 0) return [];
    const ranges = holds.some((hold) => hold.scope.kind === 'recorded');
    const events = await this.store.readStream(dealStreamName(dealId), ranges ? undefined : { direction: 'backwards', maxCount: 1 });
    const records = events.map(({ recordedAt }) => ({ dealId, partyIds, recordedAt }));
    return holds.filter((hold) => records.some((record) => holdsCovering([hold], record).length > 0));
  }

  /** The scope as recorded: ids checked and on record, a range's bounds as UTC instants, `from` before `to`. */
  private async checkedScope(scope: LegalHoldScope): Promise<LegalHoldScope> {
    switch (scope.kind) {
      case 'deal':
        assertValidId(scope.dealId, 'scope.dealId');
        if (!(await streamExists(this.store, dealStreamName(scope.dealId)))) {
          throw new ApplicationError('DEAL.NOT_FOUND', `No deal ${scope.dealId} is on record`, 'not_found', { field: 'scope.dealId', dealId: scope.dealId });
        }
        return { kind: 'deal', dealId: scope.dealId };
      case 'party':
        assertValidId(scope.partyId, 'scope.partyId');
        if (!this.partyNamedByDeals(scope.partyId) && !(await streamExists(this.store, partyStreamName(scope.partyId)))) {
          throw notFound(ErrorCodes.partyNotFound, `Party ${scope.partyId} is neither registered nor named by any deal`, 'scope.partyId');
        }
        return { kind: 'party', partyId: scope.partyId };
      case 'recorded': {
        const from = instant(scope.from, 'scope.from');
        const to = instant(scope.to, 'scope.to');
        if (from >= to) throw invalid('HOLD.EMPTY_RANGE', `scope.to (${scope.to}) must be after scope.from (${scope.from}): the range holds nothing`, 'scope.to');
        return { kind: 'recorded', from, to };
      }
    }
  }
}

/** The project's one time rule: a date-time needs its zone; a date alone is that day's start, UTC. */
function instant(value: string, field: string): string {
  if (!isIsoTimestamp(value)) throw invalid(ErrorCodes.invalidTimestamp, `${field} must be an ISO-8601 date or date-time with a zone`, field);
  return new Date(value).toISOString();
}

/** A reason or a reference is what a hold answers for: never empty, never blank. */
function requiredText(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(ErrorCodes.required, `${field} must be non-empty text`, field);
}
