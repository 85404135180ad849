import type * as Events from './deal-events.js';

/**
 * What a writer asks the ledger to record. Ids (deal, figure, note) come in with the
 * command: the domain generates nothing, reads no clock and does no I/O.
 */
export type DealCommand =
  | ({ type: 'RegisterDeal' } & Events.DealRegisteredV1)
  | ({ type: 'AnnounceInvestment'; dealId: string } & Events.InvestmentAnnouncedV1)
  | ({ type: 'SignOfftake'; dealId: string } & Events.OfftakeSignedV1)
  | ({ type: 'DiscloseStake'; dealId: string } & Events.StakeDisclosedV1)
  | ({ type: 'ReportCapacity'; dealId: string } & Events.CapacityReportedV1)
  | ({ type: 'AnnounceGovernmentSupport'; dealId: string } & Events.GovernmentSupportAnnouncedV1)
  | ({ type: 'ReportMetric'; dealId: string } & Events.MetricReportedV1)
  | ({ type: 'RecordNote'; dealId: string } & Events.NoteRecordedV1)
  | ({ type: 'ReviseFigure'; dealId: string } & Events.FigureRevisedV1)
  | ({ type: 'CorrectFigure'; dealId: string } & Events.FigureCorrectedV1)
  | ({ type: 'RetractReport'; dealId: string } & Events.ReportRetractedV1);

export type DealCommandType = DealCommand['type'];

export type CommandOf<T extends DealCommandType> = Extract<DealCommand, { type: T }>;
