import { ApplicationError } from '#application';

/**
 * Open event streams per identity, bounded: one caller cannot hold the server's sockets
 * and feed readers. A stream over the bound is refused before its first byte with 429
 * `SUBSCRIPTION.TOO_MANY_STREAMS`; closing one frees its slot at once.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerIdentity: number) {}

  /** Takes a slot for `identity`; the returned function gives it back (once). */
  take(identity: string): () => void {
    const count = this.open.get(identity) ?? 0;
    if (count >= this.maxPerIdentity) {
      throw new ApplicationError(
        'SUBSCRIPTION.TOO_MANY_STREAMS',
        `${identity} already has ${count} open event streams, the most one identity may hold: close one first`,
        'rate_limited',
        { limit: this.maxPerIdentity, retryAfterSeconds: 1 },
      );
    }
    this.open.set(identity, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(identity) ?? 1) - 1;
      if (left === 0) this.open.delete(identity);
      else this.open.set(identity, left);
    };
  }
}
