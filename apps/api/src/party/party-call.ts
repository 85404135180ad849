import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { PartyTarget } from '#contract';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { dryRunOf } from '../deal/command-query.request.js';

/** What a party command route hands the gateway besides its body: the party (and parent) its path names. */
export interface PartyCall {
  target: PartyTarget;
  request: AuthenticatedRequest;
  /** The answer's headers are set on it; Nest still sends the returned body (as `passthrough`). */
  response: Response;
  /** `?dryRun=true`: decide and answer what would be written, record nothing. */
  dryRun: boolean;
}

export const PartyCallOf = createParamDecorator((_data: unknown, context: ExecutionContext): PartyCall => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest>();
  const { partyId, parentId } = request.params as { partyId?: string; parentId?: string };
  return {
    target: { partyId: partyId ?? '', ...(parentId !== undefined ? { parentId } : {}) },
    request,
    response: http.getResponse<Response>(),
    dryRun: dryRunOf(request),
  };
});
