import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthenticationError, ForbiddenError } from '#application';
import { ApiKeyRegistry, JwtVerifier, looksLikeJwt } from '#runtime';
import { rolesGrant } from './permissions.js';
import type { AuthenticatedRequest, Principal } from './principal.js';
import { permissionFor, routeAccessOf } from './route-access.js';

/** Optional: without JWT settings only API keys are accepted. */
export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

/**
 * The one guard in front of every route, enforcing the route table (route-access.ts):
 * deny by default. A route missing from the table is refused to everyone; every route
 * but /health needs a verified credential (401 otherwise) whose roles grant the route's
 * permission (403 otherwise). The verified principal is what later code sees as the
 * caller, and its actor is what events record.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry,
    @Inject(JWT_VERIFIER) private readonly jwt: JwtVerifier | null,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const routePath = (request.route as { path?: unknown } | undefined)?.path;
    const route = typeof routePath === 'string' ? routeAccessOf(request.method, routePath) : undefined;
    if (!route) {
      throw new ForbiddenError('This route is not in the access table, so nobody may call it', { route: `${request.method} ${String(routePath)}` });
    }
    const permission = permissionFor(route, request.query as Record<string, unknown>);
    if (permission === 'public') return true;
    const principal = this.authenticate(request.headers.authorization);
    if (!rolesGrant(principal.roles, permission)) {
      throw new ForbiddenError(`Your roles (${principal.roles.join(', ') || 'none'}) do not grant ${permission}`, {
        required: permission,
        roles: principal.roles,
      });
    }
    request.principal = principal;
    return true;
  }

  private authenticate(header: string | undefined): Principal {
    if (header === undefined) {
      throw new AuthenticationError('AUTH.UNAUTHENTICATED', 'A credential is required: Authorization: Bearer <API key or token>');
    }
    const token = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(header.trim())?.[1];
    if (token === undefined) throw new AuthenticationError('AUTH.UNAUTHENTICATED', 'The Authorization header must be: Bearer <API key or token>');
    if (this.jwt && looksLikeJwt(token)) {
      const principal = this.jwt.verify(token);
      // One namespace of actors: a token must not act as (or own what belongs to) a key.
      if (this.keys.namesKey(principal.actor)) {
        throw new AuthenticationError('AUTH.TOKEN_INVALID', `The token's subject ${principal.actor} is the name of an API key`);
      }
      return principal;
    }
    const principal = this.keys.principalFor(token);
    if (!principal) throw new AuthenticationError('AUTH.UNAUTHENTICATED', 'The API key is unknown or revoked');
    return principal;
  }
}
