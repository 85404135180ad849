import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './write-auth.guard.js';

/**
 * The one place that decides who may use the admin routes (reads included). Today any
 * authenticated caller may: WriteAuthGuard, which runs first as the global guard, has
 * resolved the API key to an actor. Roles narrow it here and nowhere else.
 */
@Injectable()
export class AdminAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) throw new UnauthorizedException('Admin routes need a valid API key: Authorization: Bearer <key>');
    return true;
  }
}
