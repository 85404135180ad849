import type { IncomingMessage } from 'node:http';
import type { AuthenticatedRequest } from '../auth/principal.js';

/** The route pattern Express matched (`/deals/:dealId/investments`): ids stay out of what lines are grouped by. */
export function routeOf(request: IncomingMessage): string | undefined {
  const path = (request as AuthenticatedRequest).route?.path as unknown;
  return typeof path === 'string' ? path : undefined;
}
