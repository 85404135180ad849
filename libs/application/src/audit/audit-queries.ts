import { Inject, Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertValidId, figureLabel } from '#domain';
import type { EventStore } from '#event-store';
import type { AuditChangeFilter, AuditChangePage, AuditReader, DealStateReader, FigureHistoryEntry } from '#projections';
import { ApplicationError } from '../application.errors.js';
import { dealNotFound } from '../queries/get-deal.query.js';
import {
  APPLICATION_OPTIONS,
  AUDIT_READER,
  CLOCK,
  DEAL_STATE_READER,
  EVENT_STORE,
  READ_MODEL_PROGRESS,
  type ApplicationOptions,
  type ReadModelProgress,
} from '../tokens.js';
import { dealAsOf, type DealAsOfView } from './deal-as-of.js';
import { diffDeal, type DealDiff } from './deal-diff.js';
import { fixedPositionOf, type RecordPoint, type RecordPointSources } from './record-point.js';

export class GetDealAsOfQuery extends Query<DealAsOfView> {
  constructor(
    readonly dealId: string,
    /** Transaction time: the record as it stood then (default: now). */
    readonly knownAt: RecordPoint | undefined,
    /** Valid time: the values in effect in the world then. */
    readonly validAt: string | undefined,
  ) {
    super();
  }
}

/** A figure's every entry, with what the figure is in words (its label, as the deal names its parties). */
export interface FigureHistory {
  label: string;
  entries: FigureHistoryEntry[];
}

export class GetFigureHistoryQuery extends Query<FigureHistory> {
  constructor(
    readonly dealId: string,
    readonly figureId: string,
  ) {
    super();
  }
}

export class GetDealDiffQuery extends Query<DealDiff> {
  constructor(
    readonly dealId: string,
    readonly from: RecordPoint,
    readonly to: RecordPoint,
  ) {
    super();
  }
}

export class FindAuditChangesQuery extends Query<AuditChangePage> {
  constructor(readonly filter: AuditChangeFilter) {
    super();
  }
}

/**
 * Asked before the deal was recorded: says when it was first recorded, since the usual cause is a
 * report's own date taken for record time (a deal reported in 2025 and recorded today).
 */
const notOnRecord = (dealId: string, knownAt: RecordPoint, position: number, firstRecordedAt: string): ApplicationError =>
  new ApplicationError(
    'DEAL.NOT_ON_RECORD',
    `Deal ${dealId} was not on record at ${'time' in knownAt ? `${knownAt.time} (position ${position})` : `position ${position}`}: ` +
      `the ledger first recorded it at ${firstRecordedAt}. knownAt is when the ledger recorded facts; ` +
      'for the values in effect in the world at a date, ask with validAt',
    'not_found',
    { dealId, position, firstRecordedAt },
  );

/** What fixes a moment of the record (see record-point.ts), from the injected ports. */
@Injectable()
export class RecordPoints {
  private readonly sources: RecordPointSources;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(AUDIT_READER) audit: AuditReader,
    @Inject(READ_MODEL_PROGRESS) readModels: ReadModelProgress,
    @Inject(CLOCK) clock: () => Date,
    @Inject(APPLICATION_OPTIONS) options: ApplicationOptions,
  ) {
    this.sources = { store, audit, readModels, clock, waitMs: options.readModelWaitMs };
  }

  positionOf(point: RecordPoint, field: string): Promise<number> {
    return fixedPositionOf(point, field, this.sources);
  }
}

/** The deal as it stood on record (knownAt) and as in effect (validAt); both combine. */
@QueryHandler(GetDealAsOfQuery)
export class GetDealAsOfHandler implements IQueryHandler<GetDealAsOfQuery> {
  constructor(
    @Inject(AUDIT_READER) private readonly audit: AuditReader,
    @Inject(DEAL_STATE_READER) private readonly deals: DealStateReader,
    @Inject(RecordPoints) private readonly points: RecordPoints,
  ) {}

  async execute({ dealId, knownAt, validAt }: GetDealAsOfQuery): Promise<DealAsOfView> {
    assertValidId(dealId, 'dealId');
    const position = knownAt ? await this.points.positionOf(knownAt, 'knownAt') : this.audit.dealAt(dealId)?.position;
    // Read after the wait for the read models: the header and the trail from one moment. Without
    // knownAt the record is the head's: links other deals made since this deal's last event count.
    const header = position === undefined ? undefined : this.deals.getDeal(dealId, knownAt ? position : undefined);
    if (!header || position === undefined) throw dealNotFound(dealId);
    const lastEvent = this.audit.dealAt(dealId, position);
    if (!lastEvent) throw notOnRecord(dealId, knownAt ?? { position }, position, header.registeredAt);
    return dealAsOf(header, this.audit.dealEntries(dealId, position), this.audit.dealNotes(dealId, position), {
      lastEvent,
      asOf: {
        ...(knownAt && 'time' in knownAt ? { knownAt: knownAt.time } : {}),
        position,
        ...(validAt !== undefined ? { validAt } : {}),
      },
    });
  }
}

@QueryHandler(GetFigureHistoryQuery)
export class GetFigureHistoryHandler implements IQueryHandler<GetFigureHistoryQuery> {
  constructor(
    @Inject(AUDIT_READER) private readonly audit: AuditReader,
    @Inject(DEAL_STATE_READER) private readonly deals: DealStateReader,
  ) {}

  async execute({ dealId, figureId }: GetFigureHistoryQuery): Promise<FigureHistory> {
    assertValidId(dealId, 'dealId');
    assertValidId(figureId, 'figureId');
    const history = this.audit.figureHistory(dealId, figureId);
    if (history.length === 0) {
      throw new ApplicationError('FIGURE.NOT_FOUND', `No figure ${figureId} on deal ${dealId}`, 'not_found', {
        dealId,
        figureId,
      });
    }
    const { fact, context } = history[history.length - 1]!;
    return { label: figureLabel(fact, context, this.deals.partyNamesOf(dealId)), entries: history };
  }
}

@QueryHandler(GetDealDiffQuery)
export class GetDealDiffHandler implements IQueryHandler<GetDealDiffQuery> {
  constructor(
    @Inject(AUDIT_READER) private readonly audit: AuditReader,
    @Inject(DEAL_STATE_READER) private readonly deals: DealStateReader,
    @Inject(RecordPoints) private readonly points: RecordPoints,
  ) {}

  async execute({ dealId, from, to }: GetDealDiffQuery): Promise<DealDiff> {
    assertValidId(dealId, 'dealId');
    // Both ends are moments of the record: fixed ones only, so a diff never changes either.
    const fromPosition = await this.points.positionOf(from, 'from');
    const toPosition = await this.points.positionOf(to, 'to');
    if (!this.audit.dealAt(dealId)) throw dealNotFound(dealId);
    if (fromPosition > toPosition) {
      throw new ApplicationError('AUDIT.RANGE_REVERSED', '`from` must not be after `to`', 'invalid', {
        from: fromPosition,
        to: toPosition,
      });
    }
    const entries = this.audit.dealEntries(dealId, toPosition);
    return diffDeal(dealId, entries, this.audit.dealNotes(dealId, toPosition), fromPosition, toPosition, this.deals.partyNamesOf(dealId));
  }
}

@QueryHandler(FindAuditChangesQuery)
export class FindAuditChangesHandler implements IQueryHandler<FindAuditChangesQuery> {
  constructor(@Inject(AUDIT_READER) private readonly audit: AuditReader) {}

  async execute({ filter }: FindAuditChangesQuery): Promise<AuditChangePage> {
    return this.audit.changes(filter);
  }
}

export const auditQueryHandlers = [RecordPoints, GetDealAsOfHandler, GetFigureHistoryHandler, GetDealDiffHandler, FindAuditChangesHandler];
