import {
  DEBT_FORMS,
  EQUITY_CLASSES,
  INSTRUMENT_COMMANDS,
  PRICE_AGREEMENT_KINDS,
  type InstrumentCommand,
  type InstrumentEvent,
  type InstrumentEventType,
  type InstrumentPayloads,
} from './instrument-events.js';
import type { FigureFact } from '../deal-state.js';
import { figuresDeclaredBy, type FactKind } from './fact-kind.js';

const required = true as const;
const optional = false as const;

/** Every instrument, declared once: its decider, figures and schema are derived from here. */
export const FACT_KINDS: { readonly [T in InstrumentEventType]: FactKind<InstrumentPayloads[T]> } = {
  'EquitySubscribed.v1': {
    fact: 'equity',
    summary: 'Shares were subscribed: investors, issuer, class, amount paid, number of shares and price per share',
    title: (c) => `${capitalise(words(c.class) || 'common')} equity`,
    members: {
      investors: { party: 'list', required },
      issuer: { party: 'one', required },
      class: { choice: EQUITY_CLASSES, required },
      amount: { figure: ['money'], stages: 'agreement', required },
      shares: { figure: ['count'], required: optional },
      pricePerShare: { figure: ['unit_price'], required: optional },
    },
  },
  'DebtAgreed.v1': {
    fact: 'debt',
    summary: 'Money was lent (a loan, a bond or a credit facility): lenders, borrower, arrangers, principal, tenor and rate',
    title: (c) => capitalise(words(c.form) || 'debt'),
    members: {
      form: { choice: DEBT_FORMS, required },
      lenders: { party: 'list', required },
      borrower: { party: 'one', required },
      arrangers: { party: 'list', required: optional },
      principal: { figure: ['money'], stages: 'agreement', required },
      tenor: { figure: ['duration'], required: optional },
      rate: { figure: ['percentage', 'text'], required: optional },
    },
  },
  'WarrantsIssued.v1': {
    fact: 'warrants',
    summary: 'Warrants were issued: holder, issuer, how many, the strike price, the expiry, and the conditional stake they would give',
    title: () => 'Warrants',
    members: {
      holder: { party: 'one', required },
      issuer: { party: 'one', required },
      count: { figure: ['count'], stages: 'agreement', required },
      strike: { figure: ['unit_price'], required: optional },
      expiry: { figure: ['date'], required: optional },
      // Warrants give a stake only once exercised: the stake they name is a conditional one.
      stakeFigureId: { figureOf: 'stake', where: { conditional: true }, required: optional },
    },
  },
  'GrantAwarded.v1': {
    fact: 'grant',
    summary: 'A grant was awarded: grantor, recipient, amount and purpose',
    title: () => 'Grant',
    members: {
      grantor: { party: 'one', required },
      recipient: { party: 'one', required },
      amount: { figure: ['money'], stages: 'agreement', required },
      purpose: { text: 'one', required: optional },
    },
  },
  'GuaranteeGiven.v1': {
    fact: 'guarantee',
    summary: 'A guarantee was given: guarantor, beneficiary, obligor, cover (money or a percentage) and term',
    title: () => 'Guarantee',
    members: {
      guarantor: { party: 'one', required },
      beneficiary: { party: 'one', required },
      obligor: { party: 'one', required: optional },
      cover: { figure: ['money', 'percentage'], stages: 'agreement', required },
      term: { figure: ['duration'], required: optional },
    },
  },
  'PriceAgreed.v1': {
    fact: 'price_agreement',
    summary: 'A price was agreed for a product (a floor, a cap, a fixed price or a collar): provider, beneficiary, unit price and term',
    title: (c) => PRICE_AGREEMENT_TITLES[String(c.kind)] ?? 'Price agreement',
    members: {
      kind: { choice: PRICE_AGREEMENT_KINDS, required },
      provider: { party: 'one', required },
      beneficiary: { party: 'one', required },
      product: { text: 'one', required },
      price: { figure: ['unit_price'], stages: 'agreement', label: '', required },
      term: { figure: ['duration'], required: optional },
    },
  },
  'PurchaseCommitted.v1': {
    fact: 'purchase_commitment',
    summary: 'A purchase was committed in money: buyers, seller, products, amount, term, and the offtake it belongs to',
    title: () => 'Purchase commitment',
    members: {
      buyers: { party: 'list', required },
      seller: { party: 'one', required },
      products: { text: 'list', required },
      amount: { figure: ['money'], stages: 'agreement', required },
      term: { figure: ['duration'], required: optional },
      offtakeFigureId: { figureOf: 'offtake.share', required: optional },
    },
  },
};

export function isInstrumentEvent(event: { type: string }): event is InstrumentEvent {
  return Object.hasOwn(FACT_KINDS, event.type);
}

export function isInstrumentCommand(command: { type: string }): command is InstrumentCommand {
  return Object.hasOwn(INSTRUMENT_COMMANDS, command.type);
}

/** Every fact an instrument's figure can have (`debt.principal`, `price_agreement.term`…). */
export const INSTRUMENT_FIGURE_FACTS: readonly FigureFact[] = Object.values(FACT_KINDS).flatMap((kind: FactKind<object>) =>
  figuresDeclaredBy(kind).map(({ fact }) => fact),
);

/** The kind an instrument's figure belongs to, and its member, by the figure's fact. */
export function instrumentOfFigure(fact: FigureFact): { kind: FactKind<object>; member: string } | undefined {
  const [kindName, member] = fact.split('.');
  const kind = Object.values(FACT_KINDS).find((candidate: FactKind<object>) => candidate.fact === kindName);
  return kind === undefined || member === undefined ? undefined : { kind, member };
}

const PRICE_AGREEMENT_TITLES: Record<string, string> = { floor: 'Price floor', cap: 'Price cap', fixed: 'Fixed price', collar: 'Price collar' };
const words = (value: unknown): string => (typeof value === 'string' ? value.replace(/_/g, ' ') : '');
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
