import { ApplicationError } from '../application.errors.js';

/**
 * What a legal hold covers: every record of one deal, every record that involves one party
 * (its own stream and the deals it takes part in), or every record the ledger recorded in a
 * time range (`from` inclusive, `to` exclusive, both ISO 8601 instants).
 */
export type LegalHoldScope =
  | { kind: 'deal'; dealId: string }
  | { kind: 'party'; partyId: string }
  | { kind: 'recorded'; from: string; to: string };

/** A hold in force: placed by an admin, with why and the matter it serves (a case or request number). */
export interface LegalHold {
  holdId: string;
  scope: LegalHoldScope;
  reason: string;
  reference: string;
  placedAt: string;
  placedBy: string;
}

/**
 * A record that disposal or erasure would touch, described by what holds can name: the deal
 * it belongs to (if any), the parties it involves, and when the ledger recorded it.
 */
export interface HeldRecordCandidate {
  dealId?: string | undefined;
  partyIds: readonly string[];
  recordedAt: string;
}

/** Reads the holds in force at each call (activeLegalHolds of a store): what disposal and erasure respect. */
export type LegalHoldsInForce = () => Promise<LegalHold[]>;

/** The holds in force that cover `record`; none means it may be disposed of or erased. */
export function holdsCovering(holds: readonly LegalHold[], record: HeldRecordCandidate): LegalHold[] {
  return holds.filter((hold) => covers(hold.scope, record));
}

function covers(scope: LegalHoldScope, record: HeldRecordCandidate): boolean {
  switch (scope.kind) {
    case 'deal':
      return record.dealId === scope.dealId;
    case 'party':
      return record.partyIds.includes(scope.partyId);
    case 'recorded': {
      const at = Date.parse(record.recordedAt);
      return at >= Date.parse(scope.from) && at < Date.parse(scope.to);
    }
  }
}

/**
 * The parties a record names: every `partyId` member at any depth (deal events name their
 * parties so, deal-event-schemas.ts). Over a deal's events, the parties the deal involves.
 */
export function partiesNamedIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) partiesNamedIn(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (key === 'partyId' && typeof member === 'string') into.add(member);
      else partiesNamedIn(member, into);
    }
  }
  return into;
}

/** Refuses an erasure or disposal that would touch held records, naming the first hold (409). */
export const underLegalHold = (action: string, holds: readonly LegalHold[]): ApplicationError =>
  new ApplicationError(
    'RECORDS.UNDER_LEGAL_HOLD',
    `${action} would touch records under legal hold ${holds[0]!.holdId} (${holds[0]!.reference}: ${holds[0]!.reason}); release the hold first`,
    'conflict',
    { holds: holds.map(({ holdId, reference, reason, scope }) => ({ holdId, reference, reason, scope })) },
  );
