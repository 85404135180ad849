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
import type { FactKind } from './fact-kind.js';

const required = true as const;
const optional = false as const;

/** Every instrument, declared once: its decider, figures and schema are derived from here. */
export const FACT_KINDS: { readonly [T in InstrumentEventType]: FactKind<InstrumentPayloads[T]> } = {
  'EquitySubscribed.v1': {
    fact: 'equity',
    summary: 'Shares were subscribed: investors, issuer, class, amount paid, number of shares and price per share',
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
    members: {
      holder: { party: 'one', required },
      issuer: { party: 'one', required },
      count: { figure: ['count'], stages: 'agreement', required },
      strike: { figure: ['unit_price'], required: optional },
      expiry: { figure: ['date'], required: optional },
      stakeFigureId: { figureOf: 'stake', required: optional },
    },
  },
  'GrantAwarded.v1': {
    fact: 'grant',
    summary: 'A grant was awarded: grantor, recipient, amount and purpose',
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
    members: {
      kind: { choice: PRICE_AGREEMENT_KINDS, required },
      provider: { party: 'one', required },
      beneficiary: { party: 'one', required },
      product: { text: 'one', required },
      price: { figure: ['unit_price'], stages: 'agreement', required },
      term: { figure: ['duration'], required: optional },
    },
  },
  'PurchaseCommitted.v1': {
    fact: 'purchase_commitment',
    summary: 'A purchase was committed in money: buyers, seller, products, amount, term, and the offtake it belongs to',
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
  Object.entries(kind.members)
    .filter(([, spec]) => 'figure' in spec)
    .map(([member]) => `${kind.fact}.${member}` as FigureFact),
);
