import type { Role } from './roles.js';

/** Events of the `access-keys` stream, with explicit, versioned wire names. */
export interface ApiKeyIssued {
  type: 'ApiKeyIssued.v1';
  data: {
    keyId: string;
    /** Who the key acts as: the actor on every event written with it. */
    name: string;
    roles: Role[];
    /** SHA-256 (hex) of the key; the key itself is shown once, to whoever issued it. */
    sha256: string;
  };
}

export interface ApiKeyRevoked {
  type: 'ApiKeyRevoked.v1';
  data: { keyId: string; name: string; reason: string | null };
}

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;

export const API_KEY_EVENT_TYPES: readonly ApiKeyEvent['type'][] = ['ApiKeyIssued.v1', 'ApiKeyRevoked.v1'];
