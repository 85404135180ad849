import type { DurableDelivery, DurableSession } from '../durable-session.js';

/** Test-only: pulls a session's deliveries until `count` have come (whole batches), or they end. */
export async function takeDeliveries(from: DurableSession | AsyncIterator<DurableDelivery[]>, count: number): Promise<DurableDelivery[]> {
  const deliveries = 'deliveries' in from ? from.deliveries()[Symbol.asyncIterator]() : from;
  const taken: DurableDelivery[] = [];
  while (taken.length < count) {
    const next = await deliveries.next();
    if (next.done) break;
    taken.push(...next.value);
  }
  return taken;
}
