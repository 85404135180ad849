import { ApiProperty } from '@nestjs/swagger';
import type { DealCommandDryRun } from '#application';
import type { EventMetadata } from '#event-store';
import { METADATA } from './deal-events.answer.js';

/** An event the command would append: its stored type, payload and metadata. */
export class EventToWriteAnswer {
  @ApiProperty({ example: 'InvestmentAnnounced.v2' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload, as it would be stored: see /schemas' })
  data!: Record<string, unknown>;
  @ApiProperty(METADATA) metadata!: EventMetadata;
}

/** What every command route answers to `?dryRun=true` (200, with `Dry-Run: true`): nothing was recorded. */
export class DryRunAnswer {
  @ApiProperty({ enum: [true] }) dryRun!: true;
  @ApiProperty() dealId!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The deal revision the command was decided on (null: no deal yet), also the ETag: send it as If-Match with the real call ' +
      'to record exactly this or nothing. A replay answers the revision its first run left',
  })
  revision!: number | null;
  @ApiProperty({ type: [EventToWriteAnswer], description: 'What the real call would append now; empty for a replay' })
  wouldWrite!: EventToWriteAnswer[];
  @ApiProperty({ type: [String], example: ['InvestmentAnnounced.v2'] }) eventTypes!: string[];
  @ApiProperty({ type: [String], description: 'Figures the command would report or change' }) figureIds!: string[];
  @ApiProperty({ description: 'True when this command id was recorded before: the real call would replay it and write nothing' })
  replayed!: boolean;
}

export const dryRunAnswer = (result: DealCommandDryRun): DryRunAnswer => ({ dryRun: true, ...result });
