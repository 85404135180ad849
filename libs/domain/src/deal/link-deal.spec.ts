import type { DealCommand } from './deal-commands.js';
import { DEAL_ID, REGISTERED, registered } from './testing/caremag.js';
import { decisionContextAt, given } from './testing/given-when-then.js';

const OTHER = 'carester-2024';
const known = (...deals: string[]) => decisionContextAt(undefined, { references: { deals: new Set(deals), parties: new Map() } });
const linkDeal = (patch: Record<string, unknown> = {}): DealCommand =>
  ({
    type: 'LinkDeal',
    dealId: DEAL_ID,
    linkId: 'link-1',
    relation: 'part_of',
    targetDealId: OTHER,
    source: registered.source,
    reportedAt: '2025-08-01',
    ...patch,
  }) as DealCommand;
const LINKED = { type: 'DealLinked.v1', data: { linkId: 'link-1', relation: 'part_of', targetDealId: OTHER, source: registered.source, reportedAt: '2025-08-01' } } as const;

describe('LinkDeal', () => {
  it('links the deal to another registered deal, read from its own side', () => {
    expect(given(REGISTERED).when(linkDeal(), known(OTHER)).thenEvents()).toEqual([LINKED]);
  });

  it('refuses a deal the ledger does not hold: the target must be on record first', () => {
    expect(given(REGISTERED).when(linkDeal(), known()).thenError()).toMatchObject({
      code: 'DEAL.UNKNOWN_LINK_TARGET',
      kind: 'invalid',
      field: 'targetDealId',
    });
  });

  it('refuses a link of the deal to itself', () => {
    expect(given(REGISTERED).when(linkDeal({ targetDealId: DEAL_ID }), known(DEAL_ID)).thenError()).toMatchObject({
      code: 'DEAL.LINK_TO_ITSELF',
      field: 'targetDealId',
    });
  });

  it('refuses the same relation to the same deal twice, naming the link there is', () => {
    const error = given(REGISTERED, LINKED).when(linkDeal({ linkId: 'link-2' }), known(OTHER)).thenError();
    expect(error).toMatchObject({ code: 'DEAL.ALREADY_LINKED', kind: 'conflict', field: 'targetDealId', details: { linkId: 'link-1' } });
  });

  it('takes another relation to the same deal, and refuses a link id used before', () => {
    expect(given(REGISTERED, LINKED).when(linkDeal({ linkId: 'link-2', relation: 'amends' }), known(OTHER)).thenEvents()).toHaveLength(1);
    expect(given(REGISTERED, LINKED).when(linkDeal({ relation: 'amends' }), known(OTHER)).thenError()).toMatchObject({
      code: 'DEAL.LINK_ALREADY_EXISTS',
      field: 'linkId',
    });
  });

  it('needs the deal registered', () => {
    expect(given().when(linkDeal(), known(OTHER)).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown relation', { relation: 'replaces' }, 'VALUE.NOT_ALLOWED', 'relation'],
    ['a target id that could name a system stream', { targetDealId: '$all' }, 'ID.INVALID', 'targetDealId'],
    ['a link id with a slash', { linkId: 'a/b' }, 'ID.INVALID', 'linkId'],
    ['a source without publisher', { source: { tier: 'primary' } }, 'VALUE.REQUIRED', 'source.publisher'],
    ['an impossible reportedAt', { reportedAt: '2025-02-30' }, 'TIME.INVALID_TIMESTAMP', 'reportedAt'],
    ['a report after the moment of recording', { reportedAt: '2099-01-01' }, 'TIME.REPORTED_AFTER_RECORDING', 'reportedAt'],
  ])('refuses %s', (_name, patch, code, field) => {
    expect(given(REGISTERED).when(linkDeal(patch), known(OTHER)).thenError()).toMatchObject({ code, field });
  });
});
