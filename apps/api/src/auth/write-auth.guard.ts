import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyRegistry } from './api-keys.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticatedRequest extends Request {
  actor?: string;
}

/**
 * Every write needs a bearer key; the key, never the body or a header, names the actor
 * recorded on the events. Reads are open for now.
 */
@Injectable()
export class WriteAuthGuard implements CanActivate {
  constructor(@Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.actorOf(request);
    if (actor) request.actor = actor;
    if (READ_METHODS.has(request.method)) return true;
    if (!actor) throw new UnauthorizedException('A valid API key is required: Authorization: Bearer <key>');
    return true;
  }

  private actorOf(request: Request): string | undefined {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return match ? this.keys.actorFor(match[1]!) : undefined;
  }
}
