import type {
  CapacityReportedV1,
  DealRegisteredV1,
  FigureCorrectedV1,
  FigureRevisedV1,
  GovernmentSupportAnnouncedV1,
  InvestmentAnnouncedV1,
  MetricReportedV1,
  NoteRecordedV1,
  OfftakeSignedV1,
  ReportRetractedV1,
  StakeDisclosedV1,
} from './deal-events.js';

/**
 * What a writer asks the ledger to record. Ids (deal, figure, note) come in with the
 * command: the domain generates nothing, reads no clock and does no I/O.
 */
export type DealCommand =
  | ({ type: 'RegisterDeal' } & DealRegisteredV1)
  | ({ type: 'AnnounceInvestment'; dealId: string } & InvestmentAnnouncedV1)
  | ({ type: 'SignOfftake'; dealId: string } & OfftakeSignedV1)
  | ({ type: 'DiscloseStake'; dealId: string } & StakeDisclosedV1)
  | ({ type: 'ReportCapacity'; dealId: string } & CapacityReportedV1)
  | ({ type: 'AnnounceGovernmentSupport'; dealId: string } & GovernmentSupportAnnouncedV1)
  | ({ type: 'ReportMetric'; dealId: string } & MetricReportedV1)
  | ({ type: 'RecordNote'; dealId: string } & NoteRecordedV1)
  | ({ type: 'ReviseFigure'; dealId: string } & FigureRevisedV1)
  | ({ type: 'CorrectFigure'; dealId: string } & FigureCorrectedV1)
  | ({ type: 'RetractReport'; dealId: string } & ReportRetractedV1);

export type DealCommandType = DealCommand['type'];

export type CommandOf<T extends DealCommandType> = Extract<DealCommand, { type: T }>;
