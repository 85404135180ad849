import { JwtService } from '@nestjs/jwt';
import { AuthenticationError } from '#application';
import { isRole, type Role } from '#domain';
import type { Principal } from './principal.js';

export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

/** How bearer JWTs are checked; set from LEDGER_JWT_* (see config.ts). */
export interface JwtSettings {
  algorithm: JwtAlgorithm;
  /** HS256: the shared secret. RS256/ES256: one or more PEM public keys (several while rotating). */
  keys: readonly string[];
  issuer: string;
  audience: string;
  /** The claim holding the roles: an array, or a space-separated string. */
  rolesClaim: string;
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
}

/** Three base64url parts: what tells a JWT from an API key (which is `dl_…` or any other string). */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

/**
 * Verifies bearer JWTs: the configured algorithm only (no `none`, no HS/RS confusion),
 * signature, issuer, audience, and an expiry that must be present and not passed. The
 * actor is the `sub` claim.
 */
export class JwtVerifier {
  private readonly jwt = new JwtService();

  constructor(private readonly settings: JwtSettings) {
    if (settings.keys.length === 0) throw new Error('JWT verification needs a secret or a public key');
  }

  verify(token: string): Principal {
    const claims = this.verifiedClaims(token);
    if (typeof claims.exp !== 'number') throw new AuthenticationError('AUTH.TOKEN_INVALID', 'The token has no expiry (exp)');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200) {
      throw new AuthenticationError('AUTH.TOKEN_INVALID', 'The token names no subject (sub)');
    }
    return {
      actor: claims.sub,
      roles: rolesOf(claims[this.settings.rolesClaim]),
      credential: `jwt:${this.settings.issuer}`,
      expiresAt: claims.exp * 1000,
    };
  }

  private verifiedClaims(token: string): Record<string, unknown> {
    let failure: unknown;
    for (const key of this.settings.keys) {
      try {
        return this.jwt.verify<Record<string, unknown>>(token, {
          algorithms: [this.settings.algorithm],
          issuer: this.settings.issuer,
          audience: this.settings.audience,
          clockTolerance: this.settings.clockToleranceSeconds,
          ...(this.settings.algorithm === 'HS256' ? { secret: key } : { publicKey: key }),
        });
      } catch (error) {
        failure = error;
        // Another key may have signed it (rotation); anything but a bad signature is final.
        if (!(error instanceof Error && error.message === 'invalid signature')) break;
      }
    }
    const name = failure instanceof Error ? failure.name : '';
    if (name === 'TokenExpiredError') throw new AuthenticationError('AUTH.TOKEN_EXPIRED', 'The token has expired');
    const reason = failure instanceof Error ? failure.message : 'unverifiable';
    throw new AuthenticationError('AUTH.TOKEN_INVALID', `The token does not verify: ${reason}`);
  }
}

function rolesOf(claim: unknown): Role[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return [...new Set(names.filter(isRole))];
}
