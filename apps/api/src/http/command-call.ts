import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandTarget } from '#contract';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { dryRunOf } from './command-query.request.js';

/** What a command route hands its gateway besides its body: the target its path names, the exchange. */
export interface CommandCall<Target = CommandTarget> {
  target: Target;
  request: AuthenticatedRequest;
  /** The answer's headers are set on it; Nest still sends the returned body (as `passthrough`). */
  response: Response;
  /** `?dryRun=true`: decide and answer what would be written, record nothing. */
  dryRun: boolean;
}

type PathParams = Record<string, string | undefined>;

/** The call of any command route (deals, parties), with the target read from its path. */
export function commandCallOf<Target>(context: ExecutionContext, targetOf: (params: PathParams) => Target): CommandCall<Target> {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest>();
  return { target: targetOf(request.params as PathParams), request, response: http.getResponse<Response>(), dryRun: dryRunOf(request) };
}

/** The command call of a deal route; its path names `:dealId` (and `:figureId` for a figure's change), but RegisterDeal's. */
export const Call = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandCallOf(context, ({ dealId, figureId }) => ({ dealId: dealId ?? '', ...(figureId !== undefined ? { figureId } : {}) })),
);
