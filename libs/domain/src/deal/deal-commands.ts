import type * as Events from './deal-events.js';
import type { InstrumentCommand } from './instruments/instrument-events.js';

/**
 * What a writer asks the ledger to record. Ids (deal, figure, note) come in with the
 * command: the domain generates nothing, reads no clock and does no I/O.
 */
/**
 * A party as a command names it. Without a name and kind it refers to the party registry,
 * which supplies them; with them, they are the deal's own words for the party.
 */
export type PartyReference = Omit<Events.Party, 'name' | 'kind' | 'registered'> & Partial<Pick<Events.Party, 'name' | 'kind'>>;

export type DealCommand =
  | ({ type: 'RegisterDeal' } & Omit<Events.DealRegisteredV2, 'parties'> & { parties: PartyReference[] })
  | ({ type: 'AnnounceInvestment'; dealId: string } & Events.InvestmentAnnouncedV2)
  /** The term comes in as the words reported; the decider makes it a figure. */
  | ({ type: 'SignOfftake'; dealId: string } & Omit<Events.OfftakeSignedV3, 'term'> & { term?: string })
  /** The basis and condition default in the decider (unspecified, unconditional). */
  | ({ type: 'DiscloseStake'; dealId: string } & Omit<Events.StakeDisclosedV2, 'basis' | 'conditional'> &
      Partial<Pick<Events.StakeDisclosedV2, 'basis' | 'conditional'>>)
  | ({ type: 'ReportCapacity'; dealId: string } & Events.CapacityReportedV2)
  | ({ type: 'AnnounceGovernmentSupport'; dealId: string } & Events.GovernmentSupportAnnouncedV2)
  | ({ type: 'ReportMetric'; dealId: string } & Events.MetricReportedV2)
  | ({ type: 'RecordNote'; dealId: string } & Events.NoteRecordedV1)
  | ({ type: 'ReviseFigure'; dealId: string } & Events.FigureRevisedV2)
  | ({ type: 'CorrectFigure'; dealId: string } & Events.FigureCorrectedV2)
  | ({ type: 'RetractReport'; dealId: string } & Events.ReportRetractedV1)
  | ({ type: 'ReportStage'; dealId: string } & Events.FigureStageReportedV1)
  | ({ type: 'JoinDeal'; dealId: string } & Omit<Events.PartyJoinedDealV1, 'party'> & { party: PartyReference })
  | ({ type: 'LinkDeal'; dealId: string } & Events.DealLinkedV1)
  | InstrumentCommand;

export type DealCommandType = DealCommand['type'];

export type CommandOf<T extends DealCommandType> = Extract<DealCommand, { type: T }>;
