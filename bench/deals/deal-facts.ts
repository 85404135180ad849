import type { DealCommand, DealCommandType } from '#domain';
import { dealCommandPath } from '#contract';

/**
 * One reported fact, as an import line and (its body) as the matching POST takes it. The
 * shapes follow the reference deal (seed/caremag-2025.jsonl): figures with qualifiers,
 * conversions and notes, sources with publisher, attribution and tier; payloads ~300 bytes.
 */
export interface FactLine {
  command: DealCommandType;
  dealId: string;
  figureId?: string;
  commandId: string;
  body: Record<string, unknown>;
}

export const dealIdOf = (deal: number): string => `deal-${String(deal).padStart(5, '0')}`;

/** Facts 0–2 of every deal: registered, an investment announced, a stake declined. */
export const OPENING_FACTS = 3;

const COMMODITIES = ['dysprosium', 'terbium', 'lithium', 'nickel', 'cobalt', 'graphite', 'neodymium', 'copper'];
const COUNTRIES = ['FR', 'JP', 'DE', 'CA', 'AU', 'US', 'KR', 'SE'];
const PUBLISHERS = ['Reuters', 'Nikkei', 'Bloomberg', 'Les Echos', 'Mining Journal'];

function source(deal: number, fact: number, day: string): Record<string, unknown> {
  const publisher = PUBLISHERS[(deal + fact) % PUBLISHERS.length]!;
  return fact % 3 === 0
    ? { publisher, publishedAt: day, tier: 'secondary', citedBy: 'Reuters' }
    : { publisher, title: `Report on deal ${deal} (fact ${fact})`, publishedAt: day, attribution: 'a company official', tier: 'primary' };
}

/** Day of fact k: one day apart from 2025-01-01, so every fact has its own date. */
function dayOf(fact: number): string {
  return new Date(Date.UTC(2025, 0, 1) + fact * 86_400_000).toISOString().slice(0, 10);
}

/** The k-th fact of a deal. Deterministic: every system is given exactly the same facts. */
export function factLine(deal: number, k: number): FactLine {
  const dealId = dealIdOf(deal);
  const day = dayOf(k);
  const commandId = `${dealId}-fact-${k}`;
  const line = (command: DealCommandType, body: Record<string, unknown>, figureId?: string): FactLine => ({
    command,
    dealId,
    ...(figureId ? { figureId } : {}),
    commandId,
    body,
  });
  const commodity = COMMODITIES[deal % COMMODITIES.length]!;

  if (k === 0) {
    return line('RegisterDeal', {
      dealId,
      title: `Investment in a ${commodity} refinery (${dealId})`,
      parties: [
        { partyId: 'investor', name: `Investor ${deal} Corporation`, kind: 'company', roles: ['investor', 'buyer'], country: COUNTRIES[deal % 8] },
        { partyId: 'target', name: `Refiner ${deal}`, kind: 'company', roles: ['target', 'seller'], country: COUNTRIES[(deal + 3) % 8] },
        { partyId: 'gov', name: 'Government', kind: 'government', roles: ['government'], country: COUNTRIES[(deal + 3) % 8] },
      ],
      site: `Site ${deal % 100}`,
      commodities: [commodity, 'rare earth oxides'],
      source: source(deal, k, day),
      reportedAt: day,
    });
  }
  if (k === 1) {
    return line('AnnounceInvestment', {
      investors: ['investor'],
      target: 'target',
      amount: {
        figureId: 'investment-amount',
        value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'up_to', amount: String(50_000_000 + deal * 1000) },
        source: source(deal, k, day),
        reportedAt: day,
      },
      instruments: ['equity', 'debt financing'],
    });
  }
  if (k === 2) {
    return line('DiscloseStake', {
      holder: 'investor',
      target: 'target',
      stake: {
        figureId: 'stake-investor',
        value: { measure: { kind: 'percentage' }, qualifier: 'undisclosed', note: 'declined to comment' },
        source: source(deal, k, day),
        reportedAt: day,
      },
    });
  }
  switch ((k - OPENING_FACTS) % 6) {
    case 0:
      return line('ReportCapacity', {
        facility: `Refinery ${deal}`,
        product: commodity,
        capacity: {
          figureId: `capacity-${k}`,
          value: { measure: { kind: 'quantity', unit: 't', per: 'year' }, qualifier: 'more_than', amount: String(100 + k) },
          source: source(deal, k, day),
          reportedAt: day,
        },
      });
    case 1:
      return line('ReportMetric', {
        label: 'share of national demand the deal secures',
        subject: 'gov',
        metric: {
          figureId: `metric-${k}`,
          value: { measure: { kind: 'percentage' }, qualifier: 'about', amount: String(k % 100) },
          source: source(deal, k, day),
          reportedAt: day,
        },
      });
    case 2:
      return line('RecordNote', {
        noteId: `note-${k}`,
        text: `The government planned to support the ${commodity} project (no figure given)`,
        source: source(deal, k, day),
        reportedAt: day,
      });
    case 3:
      return line(
        'ReviseFigure',
        {
          value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount: String(40_000_000 + k * 1000) },
          source: source(deal, k, day),
          reportedAt: day,
          effectiveAt: day,
          reason: 'final terms announced',
        },
        'investment-amount',
      );
    case 4:
      // The capacity reported four facts ago, keyed wrongly: a correction.
      return line(
        'CorrectFigure',
        {
          value: { measure: { kind: 'quantity', unit: 't', per: 'year' }, qualifier: 'more_than', amount: String(10 + k) },
          source: source(deal, k - 4, dayOf(k - 4)),
          reportedAt: dayOf(k - 4),
          reason: 'mis-keyed: the source gave a smaller figure',
        },
        `capacity-${k - 4}`,
      );
    default:
      return line('AnnounceGovernmentSupport', {
        government: 'gov',
        recipient: 'target',
        form: 'financial support',
        amount: {
          figureId: `support-${k}`,
          value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'about', amount: String(1_000_000 * (k % 50)) },
          source: source(deal, k, day),
          reportedAt: day,
        },
      });
  }
}

/**
 * The domain command of a fact line. The bodies name every figure id, so a body is the
 * command's payload as it is (the HTTP routes and the import derive the same command).
 */
export function commandOf(line: FactLine): DealCommand {
  return {
    type: line.command,
    dealId: line.dealId,
    ...(line.figureId ? { figureId: line.figureId } : {}),
    ...line.body,
  } as unknown as DealCommand;
}

/** Where the HTTP API takes a command (POST). */
export function httpPathOf(line: FactLine): string {
  return dealCommandPath(line.command, line);
}
