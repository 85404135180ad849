import { ApiProperty } from '@nestjs/swagger';
import type { PartyCommandResult } from '#application';
import { withCursorLast } from '#contract';
import { CommandDryRunAnswer } from '../http/dry-run.js';

/** What every party command route answers (201; a replay answers the same, with `Idempotent-Replayed`). */
export class PartyCommandAnswer {
  @ApiProperty() partyId!: string;
  @ApiProperty({ description: "The party's revision after the command: send it as If-Match next time" }) revision!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ type: [String], example: ['PartyRenamed.v1'] }) eventTypes!: string[];
  @ApiProperty({ description: "The cursor of the command's last event", example: '42' }) position!: string;
}

export const partyCommandAnswer = (result: PartyCommandResult): PartyCommandAnswer => withCursorLast(result);

/** A party command's dry run (200, with `Dry-Run: true`): nothing was recorded. */
export class PartyDryRunAnswer extends CommandDryRunAnswer {
  @ApiProperty() partyId!: string;
}
