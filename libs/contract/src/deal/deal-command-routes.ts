import type { DealCommandType, InstrumentCommandType } from '#domain';
import { INSTRUMENT_ROUTES } from './instruments/instrument-routes.js';
import { announceGovernmentSupport } from './announce-government-support.request.js';
import { announceInvestment } from './announce-investment.request.js';
import { correctFigure } from './correct-figure.request.js';
import type { DealCommandRoute } from './deal-command-route.js';
import { discloseStake } from './disclose-stake.request.js';
import { joinDeal } from './join-deal.request.js';
import { linkDeal } from './link-deal.request.js';
import { recordNote } from './record-note.request.js';
import { registerDeal } from './register-deal.request.js';
import { reportCapacity } from './report-capacity.request.js';
import { reportMetric } from './report-metric.request.js';
import { reportStage } from './report-stage.request.js';
import { retractReport } from './retract-report.request.js';
import { reviseFigure } from './revise-figure.request.js';
import { signOfftake } from './sign-offtake.request.js';

/** Every deal command by name: what an import line's `command` field selects. */
export const dealCommandRoutes: Record<DealCommandType, DealCommandRoute> = {
  RegisterDeal: registerDeal as DealCommandRoute,
  AnnounceInvestment: announceInvestment as DealCommandRoute,
  SignOfftake: signOfftake as DealCommandRoute,
  DiscloseStake: discloseStake as DealCommandRoute,
  ReportCapacity: reportCapacity as DealCommandRoute,
  AnnounceGovernmentSupport: announceGovernmentSupport as DealCommandRoute,
  ReportMetric: reportMetric as DealCommandRoute,
  RecordNote: recordNote as DealCommandRoute,
  ReviseFigure: reviseFigure as DealCommandRoute,
  CorrectFigure: correctFigure as DealCommandRoute,
  RetractReport: retractReport as DealCommandRoute,
  ReportStage: reportStage as DealCommandRoute,
  JoinDeal: joinDeal as DealCommandRoute,
  LinkDeal: linkDeal as DealCommandRoute,
  ...instrumentCommandRoutes(),
};

function instrumentCommandRoutes(): Record<InstrumentCommandType, DealCommandRoute> {
  return Object.fromEntries(Object.entries(INSTRUMENT_ROUTES).map(([command, { route }]) => [command, route])) as Record<InstrumentCommandType, DealCommandRoute>;
}
