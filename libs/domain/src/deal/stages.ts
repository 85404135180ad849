import { ErrorCodes, invalid } from '../errors.js';
import { AGREEMENT_STAGES, FACILITY_STAGES, type Stage } from '../values/figure.js';
import { assertOneOf } from '../values/input.js';
import type { FigureFact } from './deal-state.js';

/**
 * Which figures have a stage, and which stages: an agreement's figures move from announced
 * to closed or drawn (or are cancelled, or lapse); a capacity's facility from planned to
 * operating. A stake, a term or a metric has none. No order is enforced between stages:
 * sources report them late and out of order, and the record keeps what they said.
 */
const AGREEMENT_FACTS: readonly FigureFact[] = [
  'investment.amount',
  'offtake.share',
  'government_support.amount',
  'equity.amount',
  'debt.principal',
  'warrants.count',
  'grant.amount',
  'guarantee.cover',
  'price_agreement.price',
  'purchase_commitment.amount',
];

export function stagesOf(fact: FigureFact): readonly Stage[] {
  if (fact === 'capacity') return FACILITY_STAGES;
  return AGREEMENT_FACTS.includes(fact) ? AGREEMENT_STAGES : [];
}

export function assertStageFits(fact: FigureFact, stage: unknown, field: string): asserts stage is Stage {
  const stages = stagesOf(fact);
  if (stages.length === 0) {
    throw invalid(ErrorCodes.stageNotApplicable, `A ${fact} figure has no stage: only agreements and capacities do`, field);
  }
  assertOneOf(stage, stages, field);
}
