import type { BulkItem } from '#application';
import { factLine, OPENING_FACTS } from './deal-facts.js';
import { bulkItemOf } from './ledger-setup.js';
import { seededRandom } from './random.js';

/** Commands that each add the next fact to a random deal of the opening store (seeded: the same sequence every run). */
export function randomFacts(deals: number, seed: number, actor: string): () => BulkItem {
  const random = seededRandom(seed);
  const nextFact = new Map<number, number>();
  return () => {
    const deal = Math.floor(random() * deals);
    const k = nextFact.get(deal) ?? OPENING_FACTS;
    nextFact.set(deal, k + 1);
    return bulkItemOf(factLine(deal, k), actor);
  };
}
