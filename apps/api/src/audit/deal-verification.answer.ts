import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DealVerification, ReadModelDifferenceKind } from '#application';
import { CURSOR_PROPERTY as CURSOR, enumOf, toCursor, withCursor } from '#contract';
import { ANY_JSON } from '../http/openapi/json-value.js';
import { ChainProblemAnswer, ChainProblemFields } from './chain-problem.answer.js';

/** In the chain check, the problem's `position` has always been the log position as a number. */
export class StoredChainProblemAnswer extends ChainProblemFields {
  @ApiPropertyOptional({ description: 'The log position (a number here; a cursor in `problem`)' }) position?: number;
}

export class ChainCheckAnswer {
  @ApiProperty() ok!: boolean;
  @ApiProperty() events!: number;
  @ApiPropertyOptional({ type: StoredChainProblemAnswer }) problem?: StoredChainProblemAnswer;
}

/** A witness that cosigned a checkpoint, and when. */
export class DealCosignerAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'POSIX seconds, as signed' }) timestamp!: number;
}

export class CheckpointTimestampAnswer {
  @ApiProperty() genTime!: string;
  @ApiProperty() verified!: boolean;
}

/** The checkpoint the deal is proved in (the most cosigned covering it, else the latest). */
export class DealCheckpointAnswer {
  @ApiProperty() treeSize!: number;
  @ApiProperty() signedAt!: string;
  @ApiProperty() origin!: string;
  @ApiProperty({ type: [DealCosignerAnswer] }) cosigners!: DealCosignerAnswer[];
  @ApiPropertyOptional({ type: CheckpointTimestampAnswer }) timestamp?: CheckpointTimestampAnswer;
}

export class IncludedEventAnswer {
  @ApiProperty() revision!: number;
  @ApiProperty(CURSOR) position!: string;
  @ApiProperty() leafIndex!: number;
}

export class PendingEventAnswer {
  @ApiProperty() revision!: number;
  @ApiProperty(CURSOR) position!: string;
}

export class ReadModelDifferenceAnswer {
  @ApiProperty({
    enum: enumOf<ReadModelDifferenceKind>({ 'value-differs': true, 'row-missing': true, 'row-unexpected': true, 'ahead-of-log': true, 'event-fails': true }),
  })
  kind!: ReadModelDifferenceKind;
  @ApiProperty() dealId!: string;
  @ApiProperty() projection!: string;
  @ApiProperty() table!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The row's primary key, column by column" }) key!: object;
  @ApiPropertyOptional() column?: string;
  @ApiProperty({ ...ANY_JSON, description: 'What the read model serves' }) served!: unknown;
  @ApiProperty({ ...ANY_JSON, description: "What the deal's events give" }) expected!: unknown;
  @ApiPropertyOptional() note?: string;
}

export class ReadModelCheckAnswer {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [ReadModelDifferenceAnswer] }) differences!: ReadModelDifferenceAnswer[];
}

/** One deal's proof: its chain, its events under a signed checkpoint, and its read-model rows. */
export class DealVerificationAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ description: 'Every check holds' }) ok!: boolean;
  @ApiProperty({ type: ChainCheckAnswer }) chain!: ChainCheckAnswer;
  @ApiPropertyOptional({ type: DealCheckpointAnswer }) checkpoint?: DealCheckpointAnswer;
  @ApiProperty({ type: [IncludedEventAnswer] }) included!: IncludedEventAnswer[];
  @ApiProperty({ type: [PendingEventAnswer], description: 'Protected by their chain only until the next checkpoint' })
  notYetCheckpointed!: PendingEventAnswer[];
  @ApiProperty({ type: ReadModelCheckAnswer }) readModel!: ReadModelCheckAnswer;
  @ApiPropertyOptional({ type: ChainProblemAnswer }) problem?: ChainProblemAnswer;
}

export function dealVerificationAnswer(v: DealVerification): DealVerificationAnswer {
  return {
    ...v,
    included: v.included.map(withCursor),
    notYetCheckpointed: v.notYetCheckpointed.map(withCursor),
    ...(v.problem?.position !== undefined ? { problem: { ...v.problem, position: toCursor(v.problem.position) } } : {}),
  } as DealVerificationAnswer;
}
