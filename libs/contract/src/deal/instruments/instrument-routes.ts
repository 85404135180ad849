import type { InstrumentCommandType } from '#domain';
import { FACT_COMMAND_PATHS } from '../deal-command-paths.js';
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
  SubscribeEquity: { path: FACT_COMMAND_PATHS.SubscribeEquity, route: subscribeEquity as DealCommandRoute },
  AgreeDebt: { path: FACT_COMMAND_PATHS.AgreeDebt, route: agreeDebt as DealCommandRoute },
  IssueWarrants: { path: FACT_COMMAND_PATHS.IssueWarrants, route: issueWarrants as DealCommandRoute },
  AwardGrant: { path: FACT_COMMAND_PATHS.AwardGrant, route: awardGrant as DealCommandRoute },
  GiveGuarantee: { path: FACT_COMMAND_PATHS.GiveGuarantee, route: giveGuarantee as DealCommandRoute },
  AgreePrice: { path: FACT_COMMAND_PATHS.AgreePrice, route: agreePrice as DealCommandRoute },
  CommitPurchase: { path: FACT_COMMAND_PATHS.CommitPurchase, route: commitPurchase as DealCommandRoute },
};
