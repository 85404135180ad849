import type { StakeDisclosedV2 } from './deal-events.js';

/**
 * What makes two stakes the same stake: one holder's share of one target, on one basis,
 * held now or only once a condition is met, in one tranche. A second disclosure under the
 * same key is news about the first (a revision), not a parallel "current" figure.
 */
export function stakeKeyOf(stake: Pick<StakeDisclosedV2, 'holder' | 'target' | 'basis' | 'conditional' | 'tranche'>): string {
  return JSON.stringify([stake.holder, stake.target, stake.basis, stake.conditional, stake.tranche ?? null]);
}
