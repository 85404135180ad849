import { ApiProperty } from '@nestjs/swagger';
import type { PartyCommandResult } from '#application';
import { withCursorLast } from '#contract';

/** What every party command route answers (201; a replay answers the same, with `Idempotent-Replayed`). */
export class PartyCommandAnswer {
  @ApiProperty() partyId!: string;
  @ApiProperty({ description: "The party's revision after the command: send it as If-Match next time" }) revision!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ type: [String], example: ['PartyRenamed.v1'] }) eventTypes!: string[];
  @ApiProperty({ description: "The cursor of the command's last event", example: '42' }) position!: string;
}

export const partyCommandAnswer = (result: PartyCommandResult): PartyCommandAnswer => withCursorLast(result);
