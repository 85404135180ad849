import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiQuery } from '@nestjs/swagger';
import type { CommandDryRun } from '#application';
import type { EventMetadata } from '#event-store';
import type { Response } from 'express';
import { METADATA } from '../deal/deal-events.answer.js';
import { etagOf } from './if-match.js';

/*
 * `?dryRun=true` on every command route (deals and parties): the answer's shape, its headers,
 * and the documentation of both.
 */

/** An event the command would append: its stored type, payload and metadata. */
export class EventToWriteAnswer {
  @ApiProperty({ example: 'InvestmentAnnounced.v2' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload, as it would be stored: see /schemas' })
  data!: Record<string, unknown>;
  @ApiProperty(METADATA) metadata!: EventMetadata;
}

/** What every command route answers to `?dryRun=true` (200, with `Dry-Run: true`): nothing was recorded. */
export abstract class CommandDryRunAnswer {
  @ApiProperty({ enum: [true] }) dryRun!: true;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The revision of the deal (or party) the command was decided on (null: none yet), also the ETag: send it as If-Match with the real call ' +
      'to record exactly this or nothing. A replay answers the revision its first run left',
  })
  revision!: number | null;
  @ApiProperty({ type: [EventToWriteAnswer], description: 'What the real call would append now; empty for a replay' })
  wouldWrite!: EventToWriteAnswer[];
  @ApiProperty({ type: [String], example: ['InvestmentAnnounced.v2'] }) eventTypes!: string[];
  @ApiProperty({ description: 'True when this command id was recorded before: the real call would replay it and write nothing' })
  replayed!: boolean;
}

/** 200, not 201: nothing was created. The ETag is the revision decided on, for the real call's If-Match. */
export function setDryRunHeaders(response: Response, result: CommandDryRun): void {
  response.status(200);
  response.setHeader('Dry-Run', 'true');
  if (result.revision !== null) response.setHeader('ETag', etagOf(result.revision));
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
}
/** `?dryRun=true` and its answer, as every command route documents them (deals and parties). */
export const DryRunDocs = (answer: Type<unknown>, stream: 'deal' | 'party'): MethodDecorator =>
  applyDecorators(
    ApiQuery({
      name: 'dryRun',
      required: false,
      enum: ['true', 'false'],
      description:
        'true: decide as a real call would and answer the events it would write (or the rule it breaks, with the same 4xx); ' +
        'nothing is recorded and the command id stays free. Any other value is a 400 naming `dryRun`',
    }),
    ApiOkResponse({
      type: answer,
      description: `A dry run (\`?dryRun=true\`): nothing recorded. ETag is the ${stream} revision the command was decided on, to send as If-Match with the real call (no revision before the ${stream} exists)`,
      headers: { 'Dry-Run': { description: 'Always `true`: this answer recorded nothing', schema: { type: 'string', enum: ['true'] } } },
    }),
  );

