import type { FigureFact } from './deal-state.js';
import type { MemberKind } from './instruments/fact-kind.js';
import { instrumentOfFigure } from './instruments/fact-kinds.js';

/** A party's name for a reader; its id when the deal does not name it. */
export type NameOf = (partyId: string) => string;

/**
 * A figure's name for a reader, from what it is about: "Stake of Iwatani Corporation in
 * Caremag (fully diluted, conditional)", "Loan principal (State Fund → MagnetCo)". Two
 * figures of one deal with the same fact are told apart by their parties and terms.
 */
export function figureLabel(fact: FigureFact, givenContext: Record<string, unknown> | null | undefined, nameOf: NameOf = (id) => id): string {
  // Stored history is never re-judged: a context may lack a member, or hold an odd one.
  const context = givenContext ?? {};
  const names = (member: string) => nameList(context[member], nameOf).join(', ');
  switch (fact) {
    case 'investment.amount':
      return `Investment${phrase(' in ', names('target'))}${phrase(' by ', names('investors'))}${inBrackets(words(context.instruments))}`;
    case 'investment.timeframe':
      return `Investment timeframe${inBrackets(names('target'))}`;
    case 'offtake.share':
      return `Offtake share${phrase(' of the output of ', names('seller'))}${phrase(' to ', names('buyers'))}${inBrackets(words(context.products))}`;
    case 'offtake.term':
      return `Offtake term${inBrackets([names('seller'), names('buyers')].filter(Boolean).join(' to '))}`;
    case 'stake':
      return `Stake${phrase(' of ', names('holder'))}${phrase(' in ', names('target'))}${inBrackets(stakeTerms(context))}`;
    case 'capacity':
      return `Capacity${phrase(' of ', words(context.facility))}${phrase(': ', words(context.product))}`;
    case 'government_support.amount':
      return `Support${phrase(' from ', names('government'))}${phrase(' to ', names('recipient'))}${inBrackets(words(context.form))}`;
    case 'metric':
      return `${capitalise(words(context.label)) || 'Metric'}${phrase(' of ', names('subject'))}`;
    default:
      return instrumentFigureLabel(fact, context, (member) => nameList(context[member], nameOf));
  }
}

/** The names of the party ids a member holds (one id or a list); nothing for a member absent or null. */
function nameList(value: unknown, nameOf: NameOf): string[] {
  const ids = Array.isArray(value) ? value : [value];
  return ids.filter((id) => id !== undefined && id !== null && id !== '').map((id) => nameOf(String(id)));
}

/** The words a member holds (a text or a list of them); nothing for a member absent or null. */
function words(value: unknown): string {
  const parts = Array.isArray(value) ? value : [value];
  return parts.filter((part) => part !== undefined && part !== null).map(String).join(', ');
}

/** `lead` and `text`, or nothing when there is no text: no dangling "in" or "by". */
const phrase = (lead: string, text: string): string => (text === '' ? '' : `${lead}${text}`);

/** An instrument's figure: the kind's title, the member's words, what it is of, and its parties. */
function instrumentFigureLabel(fact: FigureFact, context: Record<string, unknown>, namesOf: (member: string) => string[]): string {
  const instrument = instrumentOfFigure(fact);
  if (instrument === undefined) return capitalise(fact.replace(/[._]/g, ' '));
  const { kind, member } = instrument;
  const members = Object.entries(kind.members) as [string, MemberKind][];
  const spec = members.find(([name]) => name === member)?.[1];
  const memberWords = spec && 'figure' in spec && spec.label !== undefined ? spec.label : member.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  // Each party once, in the order the declaration names them (a lender may also arrange).
  const parties = [...new Set(members.filter(([, memberSpec]) => 'party' in memberSpec).flatMap(([name]) => namesOf(name)))];
  const about = members.filter(([, memberSpec]) => 'text' in memberSpec).map(([name]) => words(context[name])).filter((text) => text !== '');
  const title = [kind.title(context), memberWords].filter(Boolean).join(' ');
  return `${title}${about.length > 0 ? ` of ${about.join(', ')}` : ''}${inBrackets(parties.join(' · '))}`;
}

function stakeTerms(context: Record<string, unknown>): string {
  const basis = context.basis !== undefined && context.basis !== 'unspecified' ? String(context.basis).replace(/_/g, ' ') : '';
  return [basis, context.conditional === true ? 'conditional' : '', context.tranche !== undefined ? String(context.tranche) : ''].filter(Boolean).join(', ');
}

const inBrackets = (text: string): string => (text === '' ? '' : ` (${text})`);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
