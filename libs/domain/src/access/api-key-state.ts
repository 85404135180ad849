import type { ApiKeyEvent } from './api-key-events.js';
import type { Role } from './roles.js';

export interface ApiKeyFacts {
  keyId: string;
  name: string;
  roles: Role[];
  revoked: boolean;
}

/** What the key rules look at: every key issued, by id, in issue order. */
export interface ApiKeyState {
  keys: ReadonlyMap<string, ApiKeyFacts>;
}

export const initialApiKeyState: ApiKeyState = { keys: new Map() };

/** Applies one past event; never throws (a revocation of an unknown key changes nothing). Returns a new state. */
export function evolveApiKeys(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  const keys = new Map(state.keys);
  const { keyId } = event.data;
  if (event.type === 'ApiKeyIssued.v1') keys.set(keyId, { keyId, name: event.data.name, roles: event.data.roles, revoked: false });
  else {
    const key = keys.get(keyId);
    if (key) keys.set(keyId, { ...key, revoked: true });
  }
  return { keys };
}

export function foldApiKeyEvents(events: Iterable<ApiKeyEvent>): ApiKeyState {
  let state = initialApiKeyState;
  for (const event of events) state = evolveApiKeys(state, event);
  return state;
}
