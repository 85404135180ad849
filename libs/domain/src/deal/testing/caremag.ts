import type { FigureReport, Source } from '../../values/figure.js';
import type { CommandOf, DealCommand } from '../deal-commands.js';
import type {
  CapacityReportedV2,
  DealEvent,
  DealRegisteredV2,
  FigureCorrectedV2,
  FigureRevisedV2,
  GovernmentSupportAnnouncedV2,
  InvestmentAnnouncedV2,
  MetricReportedV2,
  NoteRecordedV1,
  OfftakeSignedV3,
  Party,
  StakeDisclosedV2,
} from '../deal-events.js';

/**
 * Test-only: the reference deal (see shared/scenarios/caremag-2025.md), facts restated,
 * no article text quoted. `LATER` holds the scenario's hypothetical later events.
 */

export const DEAL_ID = 'caremag-2025';
export const ON = '2025-03-17';

export const reuters = (attribution?: string): Source => ({
  publisher: 'Reuters',
  publishedAt: ON,
  ...(attribution !== undefined ? { attribution } : {}),
  tier: 'primary',
});
const jointStatement = reuters('joint statement of JOGMEC and Iwatani');
const nikkei: Source = { publisher: 'Nikkei', publishedAt: ON, tier: 'secondary', citedBy: 'Reuters' };

export const parties: Party[] = [
  { partyId: 'jogmec', name: 'Japan Organization for Metals and Energy Security (JOGMEC)', kind: 'state_agency', roles: ['investor', 'buyer'], country: 'JP' },
  { partyId: 'iwatani', name: 'Iwatani Corporation', kind: 'company', roles: ['investor', 'buyer'], country: 'JP' },
  { partyId: 'carester', name: 'Carester', kind: 'company', roles: ['parent'], country: 'FR' },
  { partyId: 'caremag', name: 'Caremag', kind: 'company', roles: ['target', 'seller'], country: 'FR' },
  { partyId: 'jfre', name: 'Japan France Rare Earths', kind: 'joint_venture', roles: ['vehicle'] },
  { partyId: 'gov-fr', name: 'Government of France', kind: 'government', roles: ['government'], country: 'FR' },
  { partyId: 'gov-jp', name: 'Government of Japan', kind: 'government', roles: ['government'], country: 'JP' },
];

const figure = (figureId: string, value: FigureReport['value'], source: Source): FigureReport => ({
  figureId,
  value,
  source,
  reportedAt: ON,
});

// Fact 7 (the site) is part of the registration.
export const registered: DealRegisteredV2 = {
  dealId: DEAL_ID,
  title: 'JOGMEC and Iwatani invest in Caremag heavy rare earths refinery',
  parties,
  site: 'Pyrénées-Atlantiques, south-western France',
  commodities: ['heavy rare earth oxides', 'dysprosium', 'terbium'],
  source: reuters(),
  reportedAt: ON,
};

// Facts 1–4: amount (with the publisher's USD conversion), instruments, timeframe.
export const investment: InvestmentAnnouncedV2 = {
  investors: ['jogmec', 'iwatani'],
  target: 'caremag',
  vehicle: 'jfre',
  amount: figure(
    'investment-amount',
    {
      measure: { kind: 'money', currency: 'EUR' },
      qualifier: 'up_to',
      amount: '110000000',
      conversions: [
        { currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'EUR', value: '0.9188' }, convertedBy: 'publisher' },
      ],
    },
    jointStatement,
  ),
  instruments: ['equity', 'debt'],
  timeframe: figure('investment-timeframe', { measure: { kind: 'text' }, qualifier: 'undisclosed' }, jointStatement),
};

// Fact 5: "declined to comment" is recorded, per investor, as a value.
const stakeNotDisclosed = (holder: 'jogmec' | 'iwatani', attribution: string): StakeDisclosedV2 => ({
  holder,
  target: 'caremag',
  stake: figure(`stake-${holder}`, { measure: { kind: 'percentage' }, qualifier: 'undisclosed', note: 'declined to comment' }, reuters(attribution)),
  basis: 'unspecified',
  conditional: false,
});
export const stakeJogmec = stakeNotDisclosed('jogmec', 'JOGMEC');
export const stakeIwatani = stakeNotDisclosed('iwatani', 'Iwatani');

// Fact 6.
export const offtake: Omit<CommandOf<'SignOfftake'>, 'type' | 'dealId'> = {
  buyers: ['jogmec', 'iwatani'],
  seller: 'caremag',
  products: ['heavy rare earth oxides, mainly dysprosium and terbium'],
  share: figure('offtake-share', { measure: { kind: 'percentage' }, qualifier: 'about', amount: '50', note: 'half' }, jointStatement),
  term: 'long-term',
};
/** Fact 6 as recorded: since OfftakeSigned.v3 the term is a text figure reported with the share. */
export const offtakeSigned: OfftakeSignedV3 = {
  ...offtake,
  term: { figureId: 'offtake-share.term', value: { measure: { kind: 'text' }, qualifier: 'exact', text: 'long-term' }, source: jointStatement, reportedAt: ON },
};

// Facts 8–10.
export const oxideOutput: CapacityReportedV2 = {
  facility: 'Caremag refinery',
  product: 'rare earth oxides, mainly from recycled magnets',
  capacity: figure('capacity-oxides', { measure: { kind: 'quantity', unit: 't', per: 'year' }, qualifier: 'more_than', amount: '1000' }, reuters()),
};
export const dysprosiumCapacity: CapacityReportedV2 = {
  facility: 'Caremag refinery',
  product: 'dysprosium',
  capacity: figure('capacity-dysprosium', { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '500' }, reuters('a JOGMEC official')),
};
export const terbiumCapacity: CapacityReportedV2 = {
  facility: 'Caremag refinery',
  product: 'terbium',
  capacity: figure('capacity-terbium', { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '90' }, reuters('a JOGMEC official')),
};

// Fact 11.
export const demandShare: MetricReportedV2 = {
  label: "share of Japan's future dysprosium and terbium demand secured",
  subject: 'gov-jp',
  metric: figure('demand-share-jp', { measure: { kind: 'percentage' }, qualifier: 'about', amount: '20' }, reuters('an industry ministry official (Japan)')),
};

// Fact 12, second-hand.
export const frenchSupport: GovernmentSupportAnnouncedV2 = {
  government: 'gov-fr',
  recipient: 'caremag',
  amount: figure('support-fr', { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'about', amount: '100000000' }, nikkei),
  form: 'financial support',
};

// Facts 13 and 14 carry no figure.
export const japanPlan: NoteRecordedV1 = {
  noteId: 'japan-government-plan',
  text: "Japan's government planned to invest in Carester's project; no figure given",
  source: nikkei,
  reportedAt: ON,
};
export const firstRefinery: NoteRecordedV1 = {
  noteId: 'first-standalone-refinery',
  text: "JOGMEC's first investment in a stand-alone refinery project, made possible by a 2020 revision of the JOGMEC Act",
  source: reuters(),
  reportedAt: ON,
};

export interface Step {
  facts: string;
  command: DealCommand;
  event: DealEvent;
}

const on = { dealId: DEAL_ID } as const;

/** Facts 1–14 as the commands a writer sends, each with the one event it must produce. */
export const FACTS_AS_REPORTED: readonly Step[] = [
  { facts: '7 (registration, site)', command: { type: 'RegisterDeal', ...registered }, event: { type: 'DealRegistered.v2', data: registered } },
  { facts: '1–4', command: { type: 'AnnounceInvestment', ...on, ...investment }, event: { type: 'InvestmentAnnounced.v2', data: investment } },
  { facts: '5 (JOGMEC)', command: { type: 'DiscloseStake', ...on, ...stakeJogmec }, event: { type: 'StakeDisclosed.v2', data: stakeJogmec } },
  { facts: '5 (Iwatani)', command: { type: 'DiscloseStake', ...on, ...stakeIwatani }, event: { type: 'StakeDisclosed.v2', data: stakeIwatani } },
  { facts: '6', command: { type: 'SignOfftake', ...on, ...offtake }, event: { type: 'OfftakeSigned.v3', data: offtakeSigned } },
  { facts: '8', command: { type: 'ReportCapacity', ...on, ...oxideOutput }, event: { type: 'CapacityReported.v2', data: oxideOutput } },
  { facts: '9', command: { type: 'ReportCapacity', ...on, ...dysprosiumCapacity }, event: { type: 'CapacityReported.v2', data: dysprosiumCapacity } },
  { facts: '10', command: { type: 'ReportCapacity', ...on, ...terbiumCapacity }, event: { type: 'CapacityReported.v2', data: terbiumCapacity } },
  { facts: '11', command: { type: 'ReportMetric', ...on, ...demandShare }, event: { type: 'MetricReported.v2', data: demandShare } },
  { facts: '12', command: { type: 'AnnounceGovernmentSupport', ...on, ...frenchSupport }, event: { type: 'GovernmentSupportAnnounced.v2', data: frenchSupport } },
  { facts: '13', command: { type: 'RecordNote', ...on, ...japanPlan }, event: { type: 'NoteRecorded.v1', data: japanPlan } },
  { facts: '14', command: { type: 'RecordNote', ...on, ...firstRefinery }, event: { type: 'NoteRecorded.v1', data: firstRefinery } },
];

export const HISTORY_AS_REPORTED: readonly DealEvent[] = FACTS_AS_REPORTED.map((step) => step.event);

export const REGISTERED: DealEvent = { type: 'DealRegistered.v2', data: registered };

/** The scenario's later events. Hypothetical: they exercise the ledger, they did not happen. */
export const LATER = {
  jogmecStakeDisclosed: {
    figureId: 'stake-jogmec',
    value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '30' },
    source: { publisher: 'JOGMEC', title: 'filing (hypothetical)', publishedAt: '2025-06-02', tier: 'primary' },
    reportedAt: '2025-06-02',
    reason: 'stake disclosed',
  } satisfies FigureRevisedV2,
  investmentRevised: {
    figureId: 'investment-amount',
    value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount: '95000000' },
    source: { publisher: 'JOGMEC', title: 'press release (hypothetical)', publishedAt: '2025-09-15', tier: 'primary' },
    reportedAt: '2025-09-15',
    effectiveAt: '2025-09-15',
  } satisfies FigureRevisedV2,
  dysprosiumCorrected: {
    figureId: 'capacity-dysprosium',
    value: { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '50' },
    source: reuters('a JOGMEC official'),
    reportedAt: ON,
    reason: 'mis-keyed: the source reported 50 t, not 500 t (hypothetical)',
  } satisfies FigureCorrectedV2,
  frenchSupportConfirmed: {
    figureId: 'support-fr',
    value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount: '106000000' },
    source: { publisher: 'Reuters', title: 'page update (hypothetical)', publishedAt: '2026-01-24', tier: 'primary' },
    reportedAt: '2026-01-24',
  } satisfies FigureRevisedV2,
};
