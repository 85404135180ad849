import type { Request } from 'express';
import type { Principal } from '#runtime';

export type { Principal };

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The verified caller of a route the access guard let through (every route but /health). */
export function principalOf(request: AuthenticatedRequest): Principal {
  if (!request.principal) throw new Error('No principal: the route is missing from the access table');
  return request.principal;
}
