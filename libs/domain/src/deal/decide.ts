import { ErrorCodes, invalid } from '../errors.js';
import { decideAnnounceGovernmentSupport } from './announce-government-support.decide.js';
import { decideAnnounceInvestment } from './announce-investment.decide.js';
import { canonicalEvent } from './canonical-payload.js';
import { decideCorrectFigure } from './correct-figure.decide.js';
import type { DealCommand } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import type { DealState } from './deal-state.js';
import { NO_REFERENCES, type DecisionContext, type KnownReferences } from './decision-context.js';
import { decideDiscloseStake } from './disclose-stake.decide.js';
import { decideInstrument } from './instruments/decide-instrument.js';
import { isInstrumentCommand } from './instruments/fact-kinds.js';
import { decideJoinDeal } from './join-deal.decide.js';
import { decideLinkDeal } from './link-deal.decide.js';
import { decideRecordNote } from './record-note.decide.js';
import { decideRegisterDeal } from './register-deal.decide.js';
import { decideReportCapacity } from './report-capacity.decide.js';
import { decideReportMetric } from './report-metric.decide.js';
import { decideReportStage } from './report-stage.decide.js';
import { decideRetractReport } from './retract-report.decide.js';
import { decideReviseFigure } from './revise-figure.decide.js';
import { decideSignOfftake } from './sign-offtake.decide.js';
import { figuresIntroducedBy } from './figures-of-event.js';
import { assertStageFits } from './stages.js';
import { assertPlausibleTimes } from './time-guards.js';

/**
 * The events a command produces on a deal in this state, or a DomainError saying why not.
 * Each payload is copied by its event's schema on the way out, so the deciders pass the
 * command's values as they are; the time guards then hold every event alike.
 */
export function decideDeal(command: DealCommand, state: DealState, context: DecisionContext): DealEvent[] {
  const events = decideByType(command, state, context.references ?? NO_REFERENCES).map(canonicalEvent);
  events.forEach(assertStagesFit);
  assertPlausibleTimes(events, context);
  return events;
}

/** A figure reported with a stage must be one that has stages (an agreement's, a capacity's), and that stage one of them. */
function assertStagesFit(event: DealEvent): void {
  for (const { report, fact, member } of figuresIntroducedBy(event)) {
    if (report.stage !== undefined) assertStageFits(fact, report.stage, `${member}.stage`);
  }
}

function decideByType(command: DealCommand, state: DealState, known: KnownReferences): DealEvent[] {
  if (isInstrumentCommand(command)) return decideInstrument(command, state);
  switch (command.type) {
    case 'RegisterDeal':
      return decideRegisterDeal(command, state, known);
    case 'AnnounceInvestment':
      return decideAnnounceInvestment(command, state);
    case 'SignOfftake':
      return decideSignOfftake(command, state);
    case 'DiscloseStake':
      return decideDiscloseStake(command, state);
    case 'ReportCapacity':
      return decideReportCapacity(command, state);
    case 'AnnounceGovernmentSupport':
      return decideAnnounceGovernmentSupport(command, state);
    case 'ReportMetric':
      return decideReportMetric(command, state);
    case 'RecordNote':
      return decideRecordNote(command, state);
    case 'ReviseFigure':
      return decideReviseFigure(command, state);
    case 'CorrectFigure':
      return decideCorrectFigure(command, state);
    case 'RetractReport':
      return decideRetractReport(command, state);
    case 'ReportStage':
      return decideReportStage(command, state);
    case 'JoinDeal':
      return decideJoinDeal(command, state, known);
    case 'LinkDeal':
      return decideLinkDeal(command, state, known);
    default: {
      const unknown: never = command;
      throw invalid(ErrorCodes.unknownCommand, `Unknown command type ${JSON.stringify((unknown as { type?: unknown }).type)}`, 'type');
    }
  }
}
