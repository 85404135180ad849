import type { DealCommandType } from '#domain';

/** The commands about one figure, named by the path (`/deals/:dealId/figures/:figureId/…`), and their last segment. */
export const FIGURE_COMMAND_PATHS = {
  ReviseFigure: 'revisions',
  CorrectFigure: 'corrections',
  RetractReport: 'retractions',
  ReportStage: 'stages',
} as const satisfies Partial<Record<DealCommandType, string>>;
export type FigureCommandType = keyof typeof FIGURE_COMMAND_PATHS;

/** The commands that report a fact on a deal, and their segment under `/deals/:dealId`. */
export const FACT_COMMAND_PATHS: Readonly<Record<Exclude<DealCommandType, 'RegisterDeal' | FigureCommandType>, string>> = {
  AnnounceInvestment: 'investments',
  SignOfftake: 'offtakes',
  DiscloseStake: 'stakes',
  ReportCapacity: 'capacities',
  AnnounceGovernmentSupport: 'government-support',
  ReportMetric: 'metrics',
  RecordNote: 'notes',
  JoinDeal: 'parties',
  LinkDeal: 'links',
  SubscribeEquity: 'equity',
  AgreeDebt: 'debt',
  IssueWarrants: 'warrants',
  AwardGrant: 'grants',
  GiveGuarantee: 'guarantees',
  AgreePrice: 'price-agreements',
  CommitPurchase: 'purchase-commitments',
};

/** Where a deal command is POSTed, as the README documents the routes. */
export function dealCommandPath(command: DealCommandType, { dealId, figureId }: { dealId: string; figureId?: string }): string {
  if (command === 'RegisterDeal') return '/deals';
  const deal = `/deals/${dealId}`;
  if (command in FIGURE_COMMAND_PATHS) return `${deal}/figures/${figureId}/${FIGURE_COMMAND_PATHS[command as FigureCommandType]}`;
  return `${deal}/${FACT_COMMAND_PATHS[command as keyof typeof FACT_COMMAND_PATHS]}`;
}
