import type { InstrumentCommandType } from '#domain';
import type { DealCommandRoute } from '../deal-command-route.js';
import { agreeDebt } from './agree-debt.request.js';
import { agreePrice } from './agree-price.request.js';
import { awardGrant } from './award-grant.request.js';
import { commitPurchase } from './commit-purchase.request.js';
import { giveGuarantee } from './give-guarantee.request.js';
import { issueWarrants } from './issue-warrants.request.js';
import { subscribeEquity } from './subscribe-equity.request.js';

/** Each instrument's route under `/deals/:dealId/`, with its command. */
export const INSTRUMENT_ROUTES: { readonly [C in InstrumentCommandType]: { path: string; route: DealCommandRoute } } = {
  SubscribeEquity: { path: 'equity', route: subscribeEquity as DealCommandRoute },
  AgreeDebt: { path: 'debt', route: agreeDebt as DealCommandRoute },
  IssueWarrants: { path: 'warrants', route: issueWarrants as DealCommandRoute },
  AwardGrant: { path: 'grants', route: awardGrant as DealCommandRoute },
  GiveGuarantee: { path: 'guarantees', route: giveGuarantee as DealCommandRoute },
  AgreePrice: { path: 'price-agreements', route: agreePrice as DealCommandRoute },
  CommitPurchase: { path: 'purchase-commitments', route: commitPurchase as DealCommandRoute },
};
