import type { DealEvent } from './deal-events.js';
import type { IntroducedFigure } from './deal-state.js';
import { figuresOfFact } from './instruments/fact-kind.js';
import { FACT_KINDS, isInstrumentEvent } from './instruments/fact-kinds.js';


/**
 * The figures an event introduces. One place knows which field of which event is a
 * figure, so the decider, the read models and the audit trail cannot disagree.
 */
export function figuresIntroducedBy(event: DealEvent): IntroducedFigure[] {
  if (isInstrumentEvent(event)) return figuresOfFact(FACT_KINDS[event.type], event.data);
  switch (event.type) {
    case 'InvestmentAnnounced.v2': {
      const { amount, timeframe, ...context } = event.data;
      const figures: IntroducedFigure[] = [{ report: amount, fact: 'investment.amount', member: 'amount', context }];
      if (timeframe) figures.push({ report: timeframe, fact: 'investment.timeframe', member: 'timeframe', context });
      return figures;
    }
    case 'OfftakeSigned.v3': {
      const { share, term, ...context } = event.data;
      const figures: IntroducedFigure[] = [{ report: share, fact: 'offtake.share', member: 'share', context }];
      if (term) figures.push({ report: term, fact: 'offtake.term', member: 'term', context });
      return figures;
    }
    case 'StakeDisclosed.v2': {
      const { stake, ...context } = event.data;
      return [{ report: stake, fact: 'stake', member: 'stake', context }];
    }
    case 'CapacityReported.v2': {
      const { capacity, ...context } = event.data;
      return [{ report: capacity, fact: 'capacity', member: 'capacity', context }];
    }
    case 'GovernmentSupportAnnounced.v2': {
      const { amount, ...context } = event.data;
      return [{ report: amount, fact: 'government_support.amount', member: 'amount', context }];
    }
    case 'MetricReported.v2': {
      const { metric, ...context } = event.data;
      return [{ report: metric, fact: 'metric', member: 'metric', context }];
    }
    case 'DealRegistered.v2':
    case 'NoteRecorded.v1':
    case 'FigureRevised.v2':
    case 'FigureCorrected.v2':
    case 'ReportRetracted.v1':
    case 'FigureStageReported.v1':
    case 'PartyJoinedDeal.v1':
    case 'DealLinked.v1':
      return [];
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
