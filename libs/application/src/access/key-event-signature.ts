import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, UnreadableEventError, type JsonObject, type RecordedEvent } from '#event-store';

/**
 * Where a key event carries its signature: a metadata member, so it is covered by the
 * event's hash like the rest, and the event's data keeps the decider's shape.
 */
export const KEY_SIGNATURE = 'keySignature';

/** Domain separation: a signature over this cannot be taken for a checkpoint's, made with the same key. */
const CONTEXT = 'deal-ledger access-key event v1\n';

/**
 * What a key event's signature covers: where it stands (its stream and revision, so a
 * signed event copied to another place, e.g. a revoked key's issue appended again after
 * its revocation, does not verify), its id, type, data and who issued it.
 */
export interface SignedKeyEventFields {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonObject;
  actor: string;
}

/**
 * Which key events the ledger believes. Anyone allowed to write the `access-keys` stream
 * in the store (on KurrentDB: any user with write access to it) could otherwise issue
 * themselves an admin key: the hash chain does not help, a forger computes valid links.
 * So key events are signed with the ledger's own Ed25519 key (the one that signs its
 * checkpoints) and only those verify. Events written before signing began carry none:
 * `unsigned` says which of them are still believed (see keyEventTrust in #runtime).
 */
export interface KeyEventTrust {
  publicKey: KeyObject;
  unsigned: UnsignedKeyEvents;
}

export type UnsignedKeyEvents =
  /** Believed (SQLite, in memory): only the owner of the machine can write the store's file, who can also replace the key. */
  | 'trusted'
  /** Refused (KurrentDB, no admin decision): a store user could have written them. */
  | 'refused'
  /** Believed up to this revision of the stream: an admin vouched for them, as they were when signing began. */
  | { throughRevision: number };

/** What signs key events and which ones are believed: the runtime's, handed to the key book and the registry. */
export interface KeyEvents {
  signingKey: KeyObject;
  trust: KeyEventTrust;
}

export type KeyEventVerdict = { believed: true; signed: boolean } | { believed: false; why: string };

/** The signature (standard base64) of a key event by the ledger's private key. */
export function signKeyEvent(privateKey: KeyObject, fields: SignedKeyEventFields): string {
  return sign(null, messageOf(fields), privateKey).toString('base64');
}

/** Whether the ledger believes a key event it read, and if not, why not. */
export function judgeKeyEvent(event: RecordedEvent, trust: KeyEventTrust): KeyEventVerdict {
  let fields: SignedKeyEventFields;
  let signature: unknown;
  try {
    fields = { streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, actor: event.metadata.actor };
    signature = event.metadata[KEY_SIGNATURE];
  } catch (error) {
    if (error instanceof UnreadableEventError) return { believed: false, why: 'it cannot be read: it was not written by the ledger' };
    throw error;
  }
  if (signature === undefined) {
    const { unsigned } = trust;
    if (unsigned === 'trusted' || (typeof unsigned === 'object' && event.revision <= unsigned.throughRevision)) return { believed: true, signed: false };
    return { believed: false, why: 'it is not signed with the ledger key' };
  }
  if (typeof signature !== 'string' || !verify(null, messageOf(fields), trust.publicKey, Buffer.from(signature, 'base64'))) {
    return { believed: false, why: 'its signature is not the ledger key’s over this event at this place' };
  }
  return { believed: true, signed: true };
}

/** The trust of a ledger that signs with `privateKey`, taking `unsigned` for the events from before. */
export function trustOfSigningKey(privateKey: KeyObject, unsigned: UnsignedKeyEvents): KeyEventTrust {
  return { publicKey: createPublicKey(privateKey), unsigned };
}

function messageOf(fields: SignedKeyEventFields): Buffer {
  return Buffer.from(CONTEXT + canonicalJson(fields), 'utf8');
}
