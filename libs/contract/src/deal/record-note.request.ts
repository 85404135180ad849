import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { deriveId } from '#application';
import { IdField, NestedObject, SourceRequest, TextField } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class RecordNoteRequest extends CommandRequest {
  @ApiPropertyOptional() @IsOptional() @IdField() noteId?: string;
  @ApiProperty() @TextField(5000) text!: string;
  @ApiProperty({ type: SourceRequest }) @NestedObject(() => SourceRequest) source!: SourceRequest;
  @ApiProperty({ example: '2025-03-17T06:00:00Z' }) @IsString() reportedAt!: string;
}

export const recordNote = defineDealCommandRoute({
  command: 'RecordNote',
  request: RecordNoteRequest,
  defaults: (commandId) => ({ noteId: deriveId(commandId, 'note') }),
});
