import type { KeyObject } from 'node:crypto';
import { ACCESS_KEYS_STREAM, trustOfSigningKey, type KeyEvents, type UnsignedKeyEvents } from '#application';
import type { EventStore } from '#event-store';
import type { LedgerConfig } from '../config.js';

/**
 * Key events written before the ledger signed them carry no signature. On SQLite (and in
 * memory) they stay believed: writing the store's file means owning the machine, which
 * holds the signing key too, and `ledger verify` shows an edit of the file. On KurrentDB any
 * user allowed to write the stream could have written one, so they are refused unless an
 * admin, having checked them (`ledger keys list` before upgrading), vouches for the stream
 * up to a revision with LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH: those revisions exist
 * already, so nothing written later can hide among them.
 */
export function unsignedKeyEventsOf(config: Pick<LedgerConfig, 'store' | 'trustUnsignedKeyEventsThrough'>): UnsignedKeyEvents {
  if (config.store !== 'kurrentdb') return 'trusted';
  return config.trustUnsignedKeyEventsThrough === undefined ? 'refused' : { throughRevision: config.trustUnsignedKeyEventsThrough };
}

export function keyEventsOf(config: Pick<LedgerConfig, 'store' | 'trustUnsignedKeyEventsThrough'>, signingKey: KeyObject): KeyEvents {
  return { signingKey, trust: trustOfSigningKey(signingKey, unsignedKeyEventsOf(config)) };
}

/**
 * A trust revision past the key stream's end would vouch for key events not yet written,
 * which any writer of the stream could then add unsigned: the ledger does not start with one.
 */
export async function assertTrustWithinKeyStream(
  store: EventStore,
  config: Pick<LedgerConfig, 'store' | 'trustUnsignedKeyEventsThrough'>,
): Promise<void> {
  const through = config.trustUnsignedKeyEventsThrough;
  if (config.store !== 'kurrentdb' || through === undefined) return;
  const [last] = await store.readStream(ACCESS_KEYS_STREAM, { direction: 'backwards', maxCount: 1 });
  if (last !== undefined && through <= last.revision) return;
  throw new Error(
    `LEDGER_TRUST_UNSIGNED_KEY_EVENTS_THROUGH=${through} is past the last revision of ${ACCESS_KEYS_STREAM} ` +
      `(${last === undefined ? 'it holds nothing' : last.revision}): it would vouch for key events not yet written; ` +
      'give the last revision read before the upgrade',
  );
}
