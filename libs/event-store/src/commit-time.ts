/** The store's commit clock; tests inject a fixed or stepping one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * The recordedAt of a new commit: the clock's time, but never earlier than the last
 * commit's. "As known at T" is then always a prefix of the log in position order, even
 * when the system clock steps back (NTP, a VM resumed). ISO-8601 UTC strings of the
 * same shape compare like the instants they name.
 */
export function commitTime(clock: Clock, previous: string | undefined): string {
  const now = clock().toISOString();
  return previous !== undefined && previous > now ? previous : now;
}
