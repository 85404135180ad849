import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AsOfPoint, DealAsOfView } from '#application';
import {
  DEAL_LINK_RELATIONS,
  FIGURE_CHANGE_KINDS,
  INSTRUMENT_FIGURE_FACTS,
  PARTY_KINDS,
  PARTY_ROLES,
  STAGES,
  type DealLinkRelation,
  type FigureChangeKind,
  type FigureFact,
  type FigureStatus,
  type PartyKind,
  type PartyRole,
  type ReportedFact,
  type Stage,
} from '#domain';
import type { DealPage, DealView } from '#projections';
import { StaleAnswer, StaleMember } from '../http/stale/stale-answer.js';
import { enumOf, FigureValueRequest, SourceRequest, withCursor, withCursorLast } from '#contract';

// Values and sources leave the ledger in the shape they came in: one class each. A deal's parties
// leave with the name and kind the deal holds (DealPartyAnswer), which a request may leave out.

const CURSOR = { description: 'An opaque cursor: compare for equality, pass back; never compute with it', example: '42' };

export const FIGURE_FACTS: FigureFact[] = [
  ...enumOf<ReportedFact>({
  'investment.amount': true,
  'investment.timeframe': true,
  'offtake.share': true,
  'offtake.term': true,
  stake: true,
  capacity: true,
  'government_support.amount': true,
  metric: true,
  }),
  ...INSTRUMENT_FIGURE_FACTS,
];
export const FIGURE_STATUSES = enumOf<FigureStatus>({ current: true, revised: true, corrected: true, retracted: true });

/**
 * A value of a figure and the change that recorded it: what a figure of a deal and an entry
 * of its history have in common. `value`, `source`, `reportedAt` and `effectiveAt` are the
 * report the value comes from; `change`, `reason`, `recordedAt`, `recordedBy`, `eventId` and
 * `position` are the change recorded.
 */
export class FigureRecordAnswer {
  @ApiProperty() figureId!: string;
  @ApiProperty({ enum: FIGURE_FACTS, enumName: 'FigureFact' }) fact!: FigureFact;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Who and what the figure is about' })
  context!: Record<string, unknown>;
  @ApiProperty({ type: FigureValueRequest }) value!: FigureValueRequest;
  @ApiProperty({ example: 'up to EUR 110,000,000' }) display!: string;
  @ApiProperty({ enum: FIGURE_CHANGE_KINDS, enumName: 'FigureChangeKind' }) change!: FigureChangeKind;
  @ApiPropertyOptional({ description: 'Why the revision, correction or retraction was made' }) reason?: string;
  @ApiProperty({ type: SourceRequest }) source!: SourceRequest;
  @ApiProperty() reportedAt!: string;
  @ApiPropertyOptional() effectiveAt?: string;
  @ApiPropertyOptional({ enum: STAGES, enumName: 'Stage', description: 'Where the agreement or facility stands (signed, operating…), when a source said' })
  stage?: Stage;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty(CURSOR) position!: string;
}

/**
 * A figure of a deal, now or as of a moment: its record is its last change (for a retracted
 * figure, the value and report are those withdrawn).
 */
export class FigureAnswer extends FigureRecordAnswer {
  @ApiProperty({
    description: 'What the figure is, in words: its fact, parties and terms, so that two figures of one fact are told apart',
    example: 'Stake of Iwatani Corporation in Caremag',
  })
  label!: string;
  @ApiProperty({ enum: FIGURE_STATUSES, enumName: 'FigureStatus' }) status!: FigureStatus;
  @ApiProperty({ description: 'When the ledger first recorded the figure' }) firstRecordedAt!: string;
}

export class NoteAnswer {
  @ApiProperty() noteId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: SourceRequest }) source!: SourceRequest;
  @ApiProperty() reportedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

/** A party as the deal holds it: its name and kind always (the deal's words, or the registry's when it was named by id). */
export class DealPartyAnswer {
  @ApiProperty({ example: 'jogmec' }) partyId!: string;
  @ApiProperty({ example: 'Japan Organization for Metals and Energy Security' }) name!: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind!: PartyKind;
  @ApiProperty({ enum: PARTY_ROLES, isArray: true }) roles!: PartyRole[];
  @ApiPropertyOptional({ example: 'JP' }) country?: string;
  @ApiPropertyOptional({ description: 'True when partyId named a party of the registry (GET /parties/:partyId) when the deal named it' })
  registered?: boolean;
}

/** A link between two deals: `relation` is read from the side of the deal that made it; `dealId` is the deal at the other end. */
export class DealLinkAnswer {
  @ApiProperty() linkId!: string;
  @ApiProperty({ enum: DEAL_LINK_RELATIONS, enumName: 'DealLinkRelation' }) relation!: DealLinkRelation;
  @ApiProperty() dealId!: string;
  @ApiProperty({ type: SourceRequest }) source!: SourceRequest;
  @ApiProperty() reportedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

/** A deal in a list: its last event (as of the moment asked) gives revision, position and time. */
export class DealSummaryAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() site?: string;
  @ApiProperty({ type: [String] }) commodities!: string[];
  @ApiProperty({ type: [DealPartyAnswer], description: 'As of the moment asked: parties that joined later are left out' }) parties!: DealPartyAnswer[];
  @ApiProperty() revision!: number;
  @ApiProperty(CURSOR) position!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Figures on record, retracted ones included' }) figureCount!: number;
}

export class DealPageAnswer {
  @ApiProperty({ type: [DealSummaryAnswer] }) items!: DealSummaryAnswer[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page; absent on the last page' }) next?: string;
  @StaleMember() stale?: StaleAnswer;
}

/** The moment an as-of answer was computed at: ask again with `position` to get the same answer. */
export class AsOfAnswer {
  @ApiPropertyOptional() knownAt?: string;
  @ApiProperty(CURSOR) position!: string;
  @ApiPropertyOptional() validAt?: string;
}

/** The deal now, or as on record at a moment (then with `asOf`): one shape for both. */
export class DealAnswer extends DealSummaryAnswer {
  @ApiProperty({ type: SourceRequest }) source!: SourceRequest;
  @ApiProperty() reportedAt!: string;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ type: [FigureAnswer], description: 'In the order they were first reported' }) figures!: FigureAnswer[];
  @ApiProperty({ type: [NoteAnswer], description: 'In record order' }) notes!: NoteAnswer[];
  @ApiProperty({ type: [DealLinkAnswer], description: 'The links this deal made to other deals, in record order ("this deal supersedes dealId")' })
  links!: DealLinkAnswer[];
  @ApiProperty({
    type: [DealLinkAnswer],
    description: 'The links other deals made to this one, in record order: dealId is the deal that made it, relation read from its side ("dealId supersedes this deal")',
  })
  linkedFrom!: DealLinkAnswer[];
  @ApiPropertyOptional({ type: AsOfAnswer }) asOf?: AsOfAnswer;
  @StaleMember() stale?: StaleAnswer;
}

/** The one converter of `GET /deals/:dealId` answers: positions leave as cursors, nothing else changes. */
export function dealAnswer(deal: DealView | DealAsOfView): DealAnswer {
  const { asOf, ...now } = deal as DealView & Partial<DealAsOfView>;
  return {
    ...withCursor(now),
    figures: deal.figures.map(withCursor),
    ...(asOf ? { asOf: withCursor<AsOfPoint>(asOf) } : {}),
  };
}

export function dealPageAnswer(page: DealPage): DealPageAnswer {
  return { ...page, items: page.items.map(withCursorLast) };
}
