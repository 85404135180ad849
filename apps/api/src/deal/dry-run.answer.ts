import { ApiProperty } from '@nestjs/swagger';
import type { CommandDryRun, DealCommandDryRun } from '#application';
import type { EventMetadata } from '#event-store';
import type { Response } from 'express';
import { etagOf } from '../http/if-match.js';
import { METADATA } from './deal-events.answer.js';

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

/** A deal command's dry run. */
export class DryRunAnswer extends CommandDryRunAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ type: [String], description: 'Figures the command would report or change' }) figureIds!: string[];
}

export const dryRunAnswer = (result: DealCommandDryRun): DryRunAnswer => ({ dryRun: true, ...result });

/** 200, not 201: nothing was created. The ETag is the revision decided on, for the real call's If-Match. */
export function setDryRunHeaders(response: Response, result: CommandDryRun): void {
  response.status(200);
  response.setHeader('Dry-Run', 'true');
  if (result.revision !== null) response.setHeader('ETag', etagOf(result.revision));
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
}
