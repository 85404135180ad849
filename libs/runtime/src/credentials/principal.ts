import type { Role } from '#domain';

/** Who is calling, as proven by a verified credential: never read from a body or header. */
export interface Principal {
  /** Recorded as the actor on every event this caller writes. */
  actor: string;
  roles: Role[];
  /** How it was proven: `api-key:<keyId>` or `jwt:<issuer>`. */
  credential: string;
  /** A JWT's expiry (ms since the epoch): streams opened with it end then. */
  expiresAt?: number;
}
