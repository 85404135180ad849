import { IsIn, IsOptional } from 'class-validator';

/** The query every command route takes, whatever its body (documented once, by CommandRoute). */
export class CommandQueryRequest {
  /** Strictly `true` or `false`: a dry run mistyped must not become a write. */
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}
