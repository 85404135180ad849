import { ErrorCodes, invalid } from '../../errors.js';
import type { FigureReport, MeasureKind, StageKind } from '../../values/figure.js';
import { assertOneOf, assertRequiredText, assertTextList } from '../../values/input.js';
import { assertDistinctFigureIds, assertKnownParties, assertKnownParty, assertNewFigure, requireRegistered } from '../deal-rules.js';
import type { DealState, FigureFact, IntroducedFigure, RegisteredDealState } from '../deal-state.js';

/**
 * A fact kind declared as data: what each member of its event is (a party of the deal, a
 * choice from a list, words, a figure measured in given ways, or a figure already on the
 * deal), and whether it is required. The decider, the figures the event introduces and
 * the event's schema are all derived from the one declaration, so a new instrument is a
 * declaration, a payload type and a request class, and the three cannot disagree.
 */
export type MemberKind =
  | { party: 'one' | 'list' }
  | { choice: readonly string[] }
  | { text: 'one' | 'list' }
  /**
   * A figure reported with the fact, measured in one of these ways; `stages` when it is an
   * agreement's or a facility's; `label`, the member's words in the figure's label (unset: its
   * name in words; '' when the figure is the instrument itself, as a price agreement's price).
   */
  | FigureMember
  /** The id of a figure still standing on the deal, of this fact (a stake, an offtake share), saying what `where` asks. */
  | FigureOfMember;

export interface FigureMember {
  figure: readonly MeasureKind[];
  stages?: StageKind;
  label?: string;
}

export interface FigureOfMember {
  figureOf: FigureFact;
  /**
   * What the fact of the figure pointed at must say, member by member: warrants give a stake
   * only once exercised, so the stake they name is `{ conditional: true }`.
   */
  where?: Readonly<Record<string, string | boolean>>;
}

/** `required` must say what the payload type says, member by member: the compiler holds them together. */
export type MemberSpec<Required extends boolean> = MemberKind & { required: Required };

export interface FactKind<T> {
  /** The fact's name; a figure's fact is `<fact>.<member>` (`debt.principal`). */
  fact: string;
  summary: string;
  /** What an instrument of this kind is called, by the choices that name it ("Loan", "Price floor"). */
  title(context: Record<string, unknown>): string;
  /** In the order the event stores them. */
  members: { readonly [K in keyof T]-?: MemberSpec<undefined extends T[K] ? false : true> };
}

type Payload = Record<string, unknown>;

/** The checks of one command of this kind, then its one event's data (members in the declared order). */
export function decideFact(kind: FactKind<object>, command: { dealId: string }, state: DealState): Payload {
  const deal = requireRegistered(state, command.dealId);
  const members = command as unknown as Payload;
  const data: Payload = {};
  const figures: FigureReport[] = [];
  for (const [member, spec] of Object.entries(kind.members) as [string, MemberSpec<boolean>][]) {
    const value = members[member];
    if (value === undefined) {
      if (spec.required) throw invalid(ErrorCodes.required, `${member} is required`, member);
      continue;
    }
    assertMember(deal, spec, value, member);
    if ('figure' in spec) {
      const report = value as FigureReport;
      figures.forEach((earlier) => assertDistinctFigureIds(earlier, report, member));
      figures.push(report);
    }
    data[member] = value;
  }
  return data;
}

function assertMember(deal: RegisteredDealState, spec: MemberKind, value: unknown, member: string): void {
  if ('party' in spec) {
    if (spec.party === 'one') assertKnownParty(deal, value, member);
    else assertKnownParties(deal, value, member);
  } else if ('choice' in spec) {
    assertOneOf(value, spec.choice, member);
  } else if ('text' in spec) {
    if (spec.text === 'one') assertRequiredText(value, member);
    else assertTextList(value, member, { nonEmpty: true });
  } else if ('figure' in spec) {
    assertNewFigure(deal, value, member, spec.figure);
  } else {
    assertFigureOf(deal, value, member, spec);
  }
}

/**
 * One code for every figure a member cannot point at (missing, of another fact, retracted,
 * or of a fact that does not say what `where` requires): the message says which it is.
 */
function assertFigureOf(deal: RegisteredDealState, figureId: unknown, member: string, { figureOf: fact, where = {} }: FigureOfMember): void {
  const figure = typeof figureId === 'string' ? deal.figures.get(figureId) : undefined;
  if (figure === undefined || figure.fact !== fact || figure.status === 'retracted') {
    throw invalid(ErrorCodes.unknownFigure, `${member} must name a ${fact} figure of deal ${deal.dealId} that was not retracted`, member);
  }
  for (const [key, required] of Object.entries(where)) {
    if (figure.context[key] !== required) {
      throw invalid(
        ErrorCodes.unknownFigure,
        `${member} must name a ${fact} figure whose ${key} is ${String(required)}; ${figure.figureId} has ${key} ${String(figure.context[key] ?? 'unset')}`,
        member,
      );
    }
  }
}

/** A kind's figures, in the declared order, each with its fact (`debt.principal`). */
export function figuresDeclaredBy(kind: FactKind<object>): { member: string; fact: FigureFact; spec: FigureMember }[] {
  return (Object.entries(kind.members) as [string, MemberKind][]).flatMap(([member, spec]) =>
    'figure' in spec ? [{ member, fact: `${kind.fact}.${member}` as FigureFact, spec }] : [],
  );
}

/** The figures an event of this kind introduces, each with the event's other members as its context. */
export function figuresOfFact(kind: FactKind<object>, payload: object): IntroducedFigure[] {
  const data = payload as Payload;
  const figures = figuresDeclaredBy(kind);
  const context = Object.fromEntries(Object.entries(data).filter(([member]) => !figures.some((figure) => figure.member === member)));
  return figures
    .filter(({ member }) => data[member] !== undefined)
    .map(({ member, fact }) => ({ report: data[member] as FigureReport, fact, member, context }));
}
