/**
 * What a figure is about, in a compliance officer's words: each member of the figure's
 * context from the API (investors, instruments, form, facility, buyers…) as a term and its
 * words, parties by their names. Two investments by different instruments, or two
 * capacities of different facilities, read differently. No DOM here (tested under Node).
 */

/** Context members by the term a reader uses; members not listed read as their own name in words. */
const TERMS: Record<string, string> = {
  investors: 'Investors',
  target: 'Invested in',
  vehicle: 'Through',
  instruments: 'Instruments',
  instrument: 'Instrument',
  holder: 'Held by',
  basis: 'Basis',
  conditional: 'Conditional',
  tranche: 'Tranche',
  buyers: 'Buyers',
  seller: 'Seller',
  products: 'Products',
  product: 'Product',
  facility: 'Facility',
  government: 'Government',
  recipient: 'Recipient',
  form: 'Form',
  subject: 'About',
  lenders: 'Lenders',
  borrower: 'Borrower',
  issuer: 'Issuer',
  guarantor: 'Guarantor',
  beneficiary: 'Beneficiary',
  grantor: 'Grantor',
  purchaser: 'Purchaser',
};

/** Members whose words are party ids, shown by the party's name. */
const PARTY_MEMBERS = new Set([
  'investors', 'target', 'vehicle', 'holder', 'buyers', 'seller', 'government', 'recipient', 'subject',
  'lenders', 'borrower', 'issuer', 'guarantor', 'beneficiary', 'grantor', 'purchaser', 'arrangers', 'lender', 'buyer',
]);

/** The `label` member is the metric's own name, already in the figure's title. */
const SKIPPED = new Set(['label']);

export interface ContextFigure {
  context: Record<string, unknown>;
  stage?: string;
  value: { qualifier: string; min?: string; max?: string; measure?: unknown };
}

/** "jogmec" → its name on this deal, else the id. */
export type PartyName = (partyId: string) => string;

/** Each member as [term, words], in the API's order; then the stage, when a source gave one. */
export function contextInWords(figure: ContextFigure, nameOf: PartyName = (id) => id): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [member, value] of Object.entries(figure.context ?? {})) {
    if (SKIPPED.has(member) || value === undefined || value === null || value === '') continue;
    const words = memberWords(member, value, nameOf);
    if (words !== '') rows.push([TERMS[member] ?? capitalise(splitWords(member)), words]);
  }
  if (figure.stage) rows.push(['Stage', figure.stage.replace(/_/g, ' ')]);
  return rows;
}

/** One line: "Investors: JOGMEC, Iwatani · Instruments: equity, debt financing". */
export function contextLine(figure: ContextFigure, nameOf?: PartyName): string {
  return contextInWords(figure, nameOf).map(([term, words]) => `${term}: ${words}`).join(' · ');
}

function memberWords(member: string, value: unknown, nameOf: PartyName): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const parts = (Array.isArray(value) ? value : [value]).filter((p) => p !== undefined && p !== null && p !== '');
  return parts
    .map((part) => (typeof part === 'object' ? JSON.stringify(part) : String(part)))
    .map((text) => (PARTY_MEMBERS.has(member) ? nameOf(text) : text === 'unspecified' ? 'not stated' : text.replace(/_/g, ' ')))
    .join(', ');
}

const splitWords = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
