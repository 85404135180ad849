import type { KeyObject } from 'node:crypto';
import { trustOfSigningKey, type KeyEvents, type UnsignedKeyEvents } from '#application';
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
