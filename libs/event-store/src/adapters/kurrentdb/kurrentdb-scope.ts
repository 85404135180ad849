import { InvalidArgumentError } from '../../event-store.errors.js';
import { categoryOf } from '../../stream-names.js';

/** Which streams of a KurrentDB server one store writes and reads. */
export interface StoreScope {
  /**
   * Prepended to every stream name on the server ('' for none), so that several ledgers
   * (test runs, staging) can share one server without seeing each other's streams.
   */
  streamPrefix: string;
  /** The categories the store owns; undefined: every stream that is not a system stream. */
  categories: readonly string[] | undefined;
}

/**
 * Letters, digits, '_' and '.': no '-' (KurrentDB's `$by_category` would then take the prefix
 * for the category) and no leading '$' (system streams).
 */
const STREAM_PREFIX = /^[A-Za-z0-9_.]*$/;

export function checkScope(streamPrefix: unknown = '', categories: unknown = undefined): StoreScope {
  if (typeof streamPrefix !== 'string' || !STREAM_PREFIX.test(streamPrefix)) {
    throw new InvalidArgumentError('streamPrefix', `must be letters, digits, '_' or '.', got ${JSON.stringify(streamPrefix)}`);
  }
  if (
    categories !== undefined &&
    !(Array.isArray(categories) && categories.length > 0 && categories.every((c) => typeof c === 'string' && c !== '' && !c.includes('-') && !c.startsWith('$')))
  ) {
    throw new InvalidArgumentError('categories', 'must be a non-empty list of category names (no "-", no leading "$")');
  }
  return { streamPrefix, categories: categories === undefined ? undefined : [...(categories as string[])] };
}

/** Refuses a stream the store does not own, before anything is sent. */
export function assertInScope(scope: StoreScope, streamId: string): void {
  const category = categoryOf(streamId);
  if (scope.categories && !scope.categories.includes(category)) {
    throw new InvalidArgumentError(
      'streamId',
      `${JSON.stringify(streamId)} is in category ${JSON.stringify(category)}, outside this store's categories (${scope.categories.join(', ')})`,
    );
  }
}

export function serverStreamName(scope: StoreScope, streamId: string): string {
  return `${scope.streamPrefix}${streamId}`;
}

/** Our name of a server stream, or undefined when the stream is not the store's. */
export function ledgerStreamName(scope: StoreScope, serverName: string): string | undefined {
  if (!serverName.startsWith(scope.streamPrefix)) return undefined;
  const streamId = serverName.slice(scope.streamPrefix.length);
  if (streamId === '' || streamId.startsWith('$')) return undefined;
  if (scope.categories && !scope.categories.includes(categoryOf(streamId))) return undefined;
  return streamId;
}
