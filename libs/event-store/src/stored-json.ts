import { UnreadableEventError } from './event-store.errors.js';
import type { RecordedEvent } from './event-store.port.js';

/**
 * A recorded event as the local adapters keep it: data and metadata as the JSON text that
 * was hashed, so every read hands back exactly the values that were written.
 */
export type StoredEventText = Omit<RecordedEvent, 'data' | 'metadata'> & { data: string; metadata: string };

/**
 * Parses an event's stored data or metadata. The store only ever writes JSON objects
 * there, so anything else means the file was edited: the event is named, and whoever reads
 * it (verification above all) can say which one, rather than failing on a parse error.
 */
export function decodeStoredObject(
  text: string,
  field: 'data' | 'metadata' | 'disposal',
  at: ConstructorParameters<typeof UnreadableEventError>[0],
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableEventError(at, `its ${field} is not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnreadableEventError(at, `its ${field} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
