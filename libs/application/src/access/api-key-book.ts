import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '#event-store';
import { ApplicationError } from '../application.errors.js';
import { ACCESS_KEYS_STREAM, type ApiKeyEvent } from './access-events.js';
import { isRole, ROLES, type Role } from './roles.js';

/** A key's name becomes the actor on what it writes: a plain, printable identifier. */
export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** How a key's SHA-256 is stored: lowercase hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ApiKeyRecord {
  keyId: string;
  name: string;
  roles: Role[];
  sha256: string;
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
}

/** A key's record as shown to people: everything but its hash. */
export function keyView(record: ApiKeyRecord): Omit<ApiKeyRecord, 'sha256'> {
  const { sha256: _hash, ...view } = record;
  return view;
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** 32 random bytes: nothing to guess, and the stored SHA-256 cannot be reversed. */
export const newApiKey = (): string => `dl_${randomBytes(32).toString('base64url')}`;

/** The keys as the `access-keys` stream leaves them, in issue order. */
export function foldApiKeys(events: readonly RecordedEvent[]): ApiKeyRecord[] {
  const keys = new Map<string, ApiKeyRecord>();
  for (const recorded of events) applyApiKeyEvent(keys, recorded);
  return [...keys.values()];
}

export function applyApiKeyEvent(keys: Map<string, ApiKeyRecord>, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as ApiKeyEvent;
  if (event.type === 'ApiKeyIssued.v1') {
    keys.set(event.data.keyId, {
      ...event.data,
      roles: event.data.roles.filter(isRole),
      issuedAt: recorded.recordedAt,
      issuedBy: recorded.metadata.actor,
      revokedAt: null,
    });
  } else if (event.type === 'ApiKeyRevoked.v1') {
    const key = keys.get(event.data.keyId);
    if (key) key.revokedAt = recorded.recordedAt;
  }
}

/**
 * Issues and revokes API keys by appending to the `access-keys` stream at its current
 * revision, so that two admins never both take a name or revoke on a stale view.
 */
export class ApiKeyBook {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(): Promise<ApiKeyRecord[]> {
    return foldApiKeys(await this.store.readStream(ACCESS_KEYS_STREAM));
  }

  /** Returns the key in plain text: the only time anyone sees it. */
  async issue(request: { name: string; roles: readonly string[] }, actor: string): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = newApiKey();
    return { key, record: await this.add({ ...request, sha256: hashApiKey(key) }, actor, { nameMustBeFree: true }) };
  }

  /** Records a key issued elsewhere, known by its hash only (keys files of earlier releases). */
  async adopt(request: { name: string; roles: readonly string[]; sha256: string }, actor: string): Promise<ApiKeyRecord> {
    if (!SHA256_HEX.test(request.sha256)) throw new ApplicationError('KEYS.INVALID_HASH', 'sha256 must be 64 hex digits', 'invalid', { field: 'sha256' });
    return this.add(request, actor, { nameMustBeFree: false });
  }

  private async add(
    request: { name: string; roles: readonly string[]; sha256: string },
    actor: string,
    { nameMustBeFree }: { nameMustBeFree: boolean },
  ): Promise<ApiKeyRecord> {
    const roles = validRoles(request.roles);
    if (!KEY_NAME.test(request.name)) {
      throw new ApplicationError('KEYS.INVALID_NAME', 'name must be 1–64 characters of A-Z a-z 0-9 . _ @ -, starting with a letter or digit', 'invalid', { field: 'name' });
    }
    const events = await this.store.readStream(ACCESS_KEYS_STREAM);
    if (nameMustBeFree && foldApiKeys(events).some((k) => k.name === request.name && k.revokedAt === null)) {
      throw new ApplicationError('KEYS.NAME_TAKEN', `An active key is already named ${request.name}: revoke it first`, 'conflict', { field: 'name' });
    }
    const data = { keyId: `key-${randomBytes(8).toString('hex')}`, name: request.name, roles, sha256: request.sha256 };
    await this.append({ type: 'ApiKeyIssued.v1', data }, actor, events);
    return { ...data, issuedAt: this.clock().toISOString(), issuedBy: actor, revokedAt: null };
  }

  /** Revokes by key id or by the name of an active key; revoking twice is refused. */
  async revoke(keyIdOrName: string, actor: string, reason?: string): Promise<ApiKeyRecord> {
    const events = await this.store.readStream(ACCESS_KEYS_STREAM);
    const keys = foldApiKeys(events);
    const key = keys.find((k) => k.keyId === keyIdOrName) ?? keys.find((k) => k.name === keyIdOrName && k.revokedAt === null);
    if (!key) throw new ApplicationError('KEYS.NOT_FOUND', `No key ${keyIdOrName}`, 'not_found', { key: keyIdOrName });
    if (key.revokedAt !== null) {
      throw new ApplicationError('KEYS.ALREADY_REVOKED', `Key ${key.keyId} was revoked at ${key.revokedAt}`, 'conflict', { keyId: key.keyId });
    }
    await this.append({ type: 'ApiKeyRevoked.v1', data: { keyId: key.keyId, name: key.name, reason: reason ?? null } }, actor, events);
    return { ...key, revokedAt: this.clock().toISOString() };
  }

  private async append(event: ApiKeyEvent, actor: string, readBefore: RecordedEvent[]): Promise<void> {
    const id = uuidv7();
    const last = readBefore.at(-1);
    try {
      await this.store.append(
        ACCESS_KEYS_STREAM,
        [{ eventId: id, type: event.type, data: { ...event.data }, metadata: { actor, commandId: id, correlationId: id, causationId: id } }],
        last ? last.revision : 'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Decided on a view another admin has since changed: deciding again is theirs to do.
      throw new ApplicationError('KEYS.CHANGED_CONCURRENTLY', 'The keys changed while this was decided: list them and try again', 'conflict');
    }
  }
}

function validRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new ApplicationError(
      'KEYS.INVALID_ROLE',
      `roles must name at least one of ${ROLES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
      'invalid',
      { field: 'roles' },
    );
  }
  return [...new Set(roles as Role[])];
}
