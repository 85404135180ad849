import { IsIn, IsOptional } from 'class-validator';
import { validateRequest } from '#contract';
import type { AuthenticatedRequest } from '../auth/principal.js';

/** The query every command route takes, whatever its body (documented once, by CommandRoute). */
export class CommandQueryRequest {
  /** Strictly `true` or `false`: a dry run mistyped must not become a write. */
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}

/** Whether a command route was asked for a dry run. Only dryRun is checked: the other query parameters a command route is sent were never read, nor refused. */
export function dryRunOf(request: AuthenticatedRequest): boolean {
  return validateRequest(CommandQueryRequest, { dryRun: (request.query as Record<string, unknown>).dryRun }).dryRun === 'true';
}
