import type { FigureReport } from '../values/figure.js';
import type { DealEvent } from './deal-events.js';
import { figuresIntroducedBy } from './figures-of-event.js';
import { isInstrumentEvent } from './instruments/fact-kinds.js';
import { stakeKeyOf } from './stake-key.js';
import {
  figureStateFromReport,
  initialDealState,
  type DealState,
  type FigureState,
  type FigureStatus,
  type IntroducedFigure,
  type RegisteredDealState,
} from './deal-state.js';

type LaterEvent = Exclude<DealEvent, { type: 'DealRegistered.v2' }>;

/**
 * Applies one past event. Never throws: events are history, already checked by the
 * decider when they were written, and a state that cannot be rebuilt would lock a deal
 * out for good. Returns a new state; the old one is left untouched.
 */
export function evolveDeal(state: DealState, event: DealEvent): DealState {
  if (event.type === 'DealRegistered.v2') {
    return {
      registered: true,
      dealId: event.data.dealId,
      parties: new Map(event.data.parties.map((party) => [party.partyId, party])),
      figures: new Map(),
      noteIds: new Set(),
      stakes: new Map(),
      links: new Map(),
    };
  }
  // A stream the decider wrote always starts with DealRegistered.
  if (!state.registered) return state;
  return evolveRegistered(state, event);
}

export function foldDeal(events: Iterable<DealEvent>): DealState {
  let state = initialDealState;
  for (const event of events) state = evolveDeal(state, event);
  return state;
}

function evolveRegistered(state: RegisteredDealState, event: LaterEvent): RegisteredDealState {
  if (isInstrumentEvent(event)) return withNewFigures(state, figuresIntroducedBy(event));
  switch (event.type) {
    case 'StakeDisclosed.v2':
      return {
        ...withNewFigures(state, figuresIntroducedBy(event)),
        stakes: new Map(state.stakes).set(stakeKeyOf(event.data), event.data.stake.figureId),
      };
    case 'InvestmentAnnounced.v2':
    case 'OfftakeSigned.v3':
    case 'CapacityReported.v2':
    case 'GovernmentSupportAnnounced.v2':
    case 'MetricReported.v2':
      return withNewFigures(state, figuresIntroducedBy(event));
    case 'NoteRecorded.v1':
      return { ...state, noteIds: new Set([...state.noteIds, event.data.noteId]) };
    case 'FigureRevised.v2':
      return withChangedFigure(state, event.data.figureId, (figure) => restated(figure, event.data, 'revised'));
    case 'FigureCorrected.v2':
      return withChangedFigure(state, event.data.figureId, (figure) => restated(figure, event.data, 'corrected'));
    case 'ReportRetracted.v1':
      return withChangedFigure(state, event.data.figureId, (figure) => ({ ...figure, status: 'retracted' }));
    case 'FigureStageReported.v1':
      return withChangedFigure(state, event.data.figureId, (figure) => ({ ...figure, stage: event.data.stage }));
    case 'PartyJoinedDeal.v1':
      return { ...state, parties: new Map(state.parties).set(event.data.party.partyId, event.data.party) };
    case 'DealLinked.v1': {
      const { linkId, relation, targetDealId } = event.data;
      return { ...state, links: new Map(state.links).set(linkId, { relation, targetDealId }) };
    }
    default: {
      const unhandled: never = event;
      // An event type this build does not know: skipping it keeps older replicas running.
      void unhandled;
      return state;
    }
  }
}

function withNewFigures(state: RegisteredDealState, introduced: readonly IntroducedFigure[]): RegisteredDealState {
  const figures = new Map(state.figures);
  for (const { report, fact, context } of introduced) figures.set(report.figureId, figureStateFromReport(report, fact, context));
  return { ...state, figures };
}

function withChangedFigure(
  state: RegisteredDealState,
  figureId: string,
  change: (figure: FigureState) => FigureState,
): RegisteredDealState {
  const figure = state.figures.get(figureId);
  if (figure === undefined) return state;
  return { ...state, figures: new Map(state.figures).set(figureId, change(figure)) };
}

/** A revision or correction replaces what the figure stands at; its history stays in the stream. */
function restated(
  figure: FigureState,
  data: Pick<FigureReport, 'value' | 'source' | 'reportedAt' | 'effectiveAt'>,
  status: FigureStatus,
): FigureState {
  const { effectiveAt: _previous, ...rest } = figure;
  return {
    ...rest,
    measureKind: data.value.measure.kind,
    value: data.value,
    source: data.source,
    reportedAt: data.reportedAt,
    ...(data.effectiveAt !== undefined ? { effectiveAt: data.effectiveAt } : {}),
    status,
  };
}
