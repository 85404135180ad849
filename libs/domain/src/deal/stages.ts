import { ErrorCodes, invalid } from '../errors.js';
import { AGREEMENT_STAGES, FACILITY_STAGES, type Stage, type StageKind } from '../values/figure.js';
import { assertOneOf } from '../values/input.js';
import type { FigureFact } from './deal-state.js';
import { figuresDeclaredBy, type FactKind } from './instruments/fact-kind.js';
import { FACT_KINDS } from './instruments/fact-kinds.js';

/**
 * Which figures have a stage, and which stages: an agreement's figures move from announced
 * to closed or drawn (or are cancelled, or lapse); a capacity's facility from planned to
 * operating. A stake, a term or a metric has none. No order is enforced between stages:
 * sources report them late and out of order, and the record keeps what they said.
 */
const STAGE_KINDS: ReadonlyMap<FigureFact, StageKind> = new Map<FigureFact, StageKind>([
  ['investment.amount', 'agreement'],
  ['offtake.share', 'agreement'],
  ['government_support.amount', 'agreement'],
  ['capacity', 'facility'],
  // An instrument's declaration says which of its figures take stages.
  ...Object.values(FACT_KINDS).flatMap((kind: FactKind<object>) =>
    figuresDeclaredBy(kind).flatMap(({ fact, spec }) => (spec.stages !== undefined ? [[fact, spec.stages] as const] : [])),
  ),
]);

export function stagesOf(fact: FigureFact): readonly Stage[] {
  const kind = STAGE_KINDS.get(fact);
  return kind === undefined ? [] : kind === 'facility' ? FACILITY_STAGES : AGREEMENT_STAGES;
}

export function assertStageFits(fact: FigureFact, stage: unknown, field: string): asserts stage is Stage {
  const stages = stagesOf(fact);
  if (stages.length === 0) {
    throw invalid(ErrorCodes.stageNotApplicable, `A ${fact} figure has no stage: only agreements and capacities do`, field);
  }
  assertOneOf(stage, stages, field);
}
