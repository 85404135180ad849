import { ApiProperty } from '@nestjs/swagger';
import type { DealCommandResult } from '#application';
import { withCursorLast } from '#contract';

/** What every command route answers (201; a replay answers the same, with `Idempotent-Replayed`). */
export class CommandAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ description: "The deal's revision after the command: send it as If-Match next time" }) revision!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ type: [String], example: ['InvestmentAnnounced.v2'] }) eventTypes!: string[];
  @ApiProperty({ type: [String], description: 'Figures the command reported or changed' }) figureIds!: string[];
  @ApiProperty({ description: "The cursor of the command's last event: `minPosition` to read your write", example: '42' })
  position!: string;
}

export const commandAnswer = (result: DealCommandResult): CommandAnswer => withCursorLast(result);
