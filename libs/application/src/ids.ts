import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** Namespace of the ids the ledger derives (a fixed, random v4). */
const LEDGER_NAMESPACE = '6f1d1c3e-5b8e-4f7a-9a2d-3c4b5e6f7a80';
// Parsed once: given as text, uuid parses the namespace on every call (twice), for every event id.
const NAMESPACE_BYTES = parseUuid(LEDGER_NAMESPACE);

/**
 * Ids derived from the command id, so that a retried command carries the very same
 * event ids and figure ids: the store refuses a duplicate event id, and the command's
 * fingerprint does not change between the first try and a retry.
 */
export function deriveId(commandId: string, slot: string): string {
  return uuidv5(`${commandId}/${slot}`, NAMESPACE_BYTES);
}

export function eventIdFor(commandId: string, index: number): string {
  return deriveId(commandId, `event/${index}`);
}
