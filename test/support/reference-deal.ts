import { INSTRUMENT_ROUTES } from '#contract';
import type { SeedLine } from '#testing';

export { laterHypotheticalLines, magnetcoDealLines, REFERENCE_DEAL_ID, referenceDealLines, type SeedLine } from '#testing';

/** The HTTP route of each command, as the README documents them. */
export function routeOf(line: SeedLine): string {
  const deal = `/deals/${line.dealId}`;
  const figure = `${deal}/figures/${line.figureId}`;
  const routes: Record<string, string> = {
    RegisterDeal: '/deals',
    AnnounceInvestment: `${deal}/investments`,
    SignOfftake: `${deal}/offtakes`,
    DiscloseStake: `${deal}/stakes`,
    ReportCapacity: `${deal}/capacities`,
    AnnounceGovernmentSupport: `${deal}/government-support`,
    ReportMetric: `${deal}/metrics`,
    RecordNote: `${deal}/notes`,
    ReviseFigure: `${figure}/revisions`,
    CorrectFigure: `${figure}/corrections`,
    RetractReport: `${figure}/retractions`,
    ReportStage: `${figure}/stages`,
    ...Object.fromEntries(Object.entries(INSTRUMENT_ROUTES).map(([command, { path }]) => [command, `${deal}/${path}`])),
  };
  const route = routes[line.command];
  if (!route) throw new Error(`No route for ${line.command}`);
  return route;
}
