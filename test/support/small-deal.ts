/**
 * The smallest valid deal and figure, for tests about something other than a deal's
 * content (faults, quarantine): a request body of `POST /deals` and of `POST
 * /deals/:dealId/metrics`, which are also the data of the events they record.
 */
export const SMALL_DEAL_SOURCE = { publisher: 'Reuters', tier: 'primary' };
const REPORTED_AT = '2025-03-17';

export const percentage = (amount: string) => ({ measure: { kind: 'percentage' }, qualifier: 'exact', amount });

export const smallDeal = (dealId: string) => ({
  dealId,
  title: `Deal ${dealId}`,
  parties: [{ partyId: 'acme', name: 'Acme', kind: 'company', roles: ['investor'] }],
  commodities: ['lithium'],
  source: SMALL_DEAL_SOURCE,
  reportedAt: REPORTED_AT,
});

export const percentageMetric = (figureId: string, amount: string) => ({
  label: figureId,
  metric: { figureId, value: percentage(amount), source: SMALL_DEAL_SOURCE, reportedAt: REPORTED_AT },
});
