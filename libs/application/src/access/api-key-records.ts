import { isRole, type ApiKeyEvent, type Role } from '#domain';
import type { RecordedEvent } from '#event-store';

/** A key as people and the API's key registry see it: the decider's facts, with who issued it and when. */
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

/** The keys as the `access-keys` stream leaves them, in issue order, with who issued them and when. */
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
