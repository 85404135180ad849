import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainProblem, ChainProblemCode } from '#event-store';
import { withCursorLast } from '#contract';

export class CheckpointRefAnswer {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'Where it was read from' }) source!: string;
}

/** The first problem verification found: the event, stream or checkpoint it is at. */
export class ChainProblemFields {
  @ApiProperty({ type: String, example: 'CHAIN.HASH_MISMATCH' }) code!: ChainProblemCode;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() streamId?: string;
  @ApiPropertyOptional() revision?: number;
  @ApiPropertyOptional() eventId?: string;
  @ApiPropertyOptional() leafIndex?: number;
  @ApiPropertyOptional() expectedHash?: string;
  @ApiPropertyOptional() foundHash?: string;
  @ApiPropertyOptional() expectedRevision?: number;
  @ApiPropertyOptional({ type: CheckpointRefAnswer }) checkpoint?: CheckpointRefAnswer;
  @ApiPropertyOptional({ type: CheckpointRefAnswer }) otherCheckpoint?: CheckpointRefAnswer;
}

export class ChainProblemAnswer extends ChainProblemFields {
  @ApiPropertyOptional({ description: 'The cursor of the event concerned', example: '42' }) position?: string;
}

export const chainProblemAnswer = (problem: ChainProblem): ChainProblemAnswer => withCursorLast(problem);
