import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CommandRequest } from './command.request.js';
import { NestedObject, SourceRequest } from './common.request.js';

/** Where a fact came from and when: the body of a command that reports no figure has both. */
export abstract class ReportedRequest extends CommandRequest {
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-03-17T06:00:00Z' }) @IsString() @MaxLength(40) reportedAt!: string;
}
