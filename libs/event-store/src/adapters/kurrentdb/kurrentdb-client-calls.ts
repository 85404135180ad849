import type { KurrentDBClient } from '@kurrent/kurrentdb-client';

/**
 * The calls the KurrentDB adapter makes on the client, and nothing else: what a client must
 * offer for the store to run over it (the real client in production; in tests, the double
 * under testing/ that keeps the server's rules).
 */
export type KurrentDbClientCalls = Pick<KurrentDBClient, 'appendToStream' | 'multiStreamAppend' | 'appendRecords' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;
