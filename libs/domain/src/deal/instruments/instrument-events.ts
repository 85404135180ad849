import type { FigureReport } from '../../values/figure.js';

/**
 * The instruments of a deal as facts of their own: who holds what, on which terms. Each
 * figure inside (an amount, a tenor, a strike) is revisable, correctable and retractable
 * by its own `figureId`, like every other figure. Parties are ids of the deal's parties.
 */

export const EQUITY_CLASSES = ['common', 'preferred', 'convertible_preferred'] as const;
export type EquityClass = (typeof EQUITY_CLASSES)[number];

/** Shares bought in a company: how much was paid, for how many shares, at what price. */
export interface EquitySubscribedV1 {
  investors: string[];
  issuer: string;
  class: EquityClass;
  /** Money paid. */
  amount: FigureReport;
  /** A count of shares. */
  shares?: FigureReport;
  /** A unit price per share. */
  pricePerShare?: FigureReport;
}

export const DEBT_FORMS = ['loan', 'bond', 'credit_facility'] as const;
export type DebtForm = (typeof DEBT_FORMS)[number];

/** Money lent: a loan, a bond or a credit facility. */
export interface DebtAgreedV1 {
  form: DebtForm;
  lenders: string[];
  borrower: string;
  arrangers?: string[];
  /** Money. */
  principal: FigureReport;
  /** A duration. */
  tenor?: FigureReport;
  /** A percentage, or words ("EURIBOR + 2 %"). */
  rate?: FigureReport;
}

/** Rights to buy shares at a set price: how many, at what strike, until when. */
export interface WarrantsIssuedV1 {
  holder: string;
  issuer: string;
  /** A count of warrants. */
  count: FigureReport;
  /** A unit price per share. */
  strike?: FigureReport;
  /** A date. */
  expiry?: FigureReport;
  /** The conditional stake the warrants would give, when it was disclosed as a figure of the deal. */
  stakeFigureId?: string;
}

/** Money given without a claim to its return. */
export interface GrantAwardedV1 {
  grantor: string;
  recipient: string;
  /** Money. */
  amount: FigureReport;
  /** As reported: "feasibility study". */
  purpose?: string;
}

/** A promise to pay if the obligor does not. */
export interface GuaranteeGivenV1 {
  guarantor: string;
  beneficiary: string;
  obligor?: string;
  /** Money, or the percentage of the obligation covered. */
  cover: FigureReport;
  /** A duration. */
  term?: FigureReport;
}

export const PRICE_AGREEMENT_KINDS = ['floor', 'cap', 'fixed', 'collar'] as const;
export type PriceAgreementKind = (typeof PRICE_AGREEMENT_KINDS)[number];

/** A price for a product, guaranteed by one party to another: a floor, a cap, a fixed price or a collar. */
export interface PriceAgreedV1 {
  kind: PriceAgreementKind;
  provider: string;
  beneficiary: string;
  product: string;
  /** A unit price (a range for a collar). */
  price: FigureReport;
  /** A duration. */
  term?: FigureReport;
}

/** A commitment to buy, in money, over a term. */
export interface PurchaseCommittedV1 {
  buyers: string[];
  seller: string;
  products: string[];
  /** Money. */
  amount: FigureReport;
  /** A duration. */
  term?: FigureReport;
  /** The offtake share this commitment belongs to, when it was recorded as a figure of the deal. */
  offtakeFigureId?: string;
}

/** Every instrument event by its wire name. */
export interface InstrumentPayloads {
  'EquitySubscribed.v1': EquitySubscribedV1;
  'DebtAgreed.v1': DebtAgreedV1;
  'WarrantsIssued.v1': WarrantsIssuedV1;
  'GrantAwarded.v1': GrantAwardedV1;
  'GuaranteeGiven.v1': GuaranteeGivenV1;
  'PriceAgreed.v1': PriceAgreedV1;
  'PurchaseCommitted.v1': PurchaseCommittedV1;
}
export type InstrumentEventType = keyof InstrumentPayloads;
export type InstrumentEvent = { [T in InstrumentEventType]: { type: T; data: InstrumentPayloads[T] } }[InstrumentEventType];

/** The command that records each instrument: its name is the verb, its members the event's. */
export const INSTRUMENT_COMMANDS = {
  SubscribeEquity: 'EquitySubscribed.v1',
  AgreeDebt: 'DebtAgreed.v1',
  IssueWarrants: 'WarrantsIssued.v1',
  AwardGrant: 'GrantAwarded.v1',
  GiveGuarantee: 'GuaranteeGiven.v1',
  AgreePrice: 'PriceAgreed.v1',
  CommitPurchase: 'PurchaseCommitted.v1',
} as const satisfies Record<string, InstrumentEventType>;
export type InstrumentCommandType = keyof typeof INSTRUMENT_COMMANDS;
export type InstrumentCommand = {
  [C in InstrumentCommandType]: { type: C; dealId: string } & InstrumentPayloads[(typeof INSTRUMENT_COMMANDS)[C]];
}[InstrumentCommandType];

export const INSTRUMENT_EVENT_TYPES: readonly InstrumentEventType[] = Object.values(INSTRUMENT_COMMANDS);
