import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComparisonReport, ProjectionState, RebuildKind } from '#projections';
import { enumOf } from './answer-enum.js';
import { CURSOR_PROPERTY as CURSOR } from './cursor.js';

// The answers of the admin projection routes; projection-views.ts converts to them.

const KINDS = enumOf<RebuildKind>({ rebuild: true, replay: true });
const STATES = enumOf<ProjectionState>({ running: true, catching_up: true, rebuilding: true, stalled: true, faulted: true, stopped: true });

export class ProjectionErrorAnswer {
  @ApiProperty() message!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() streamId?: string;
  @ApiPropertyOptional(CURSOR) position?: string;
}

export class ProjectionLagAnswer {
  @ApiProperty() events!: number;
  @ApiProperty() seconds!: number;
}

/** A rebuild or replay in progress: the numbers the CLI's progress bar shows. */
export class BuildAnswer {
  @ApiProperty({ enum: KINDS }) kind!: RebuildKind;
  @ApiProperty({ enum: ['building', 'stalled', 'faulted'] }) state!: 'building' | 'stalled' | 'faulted';
  @ApiProperty() version!: number;
  @ApiProperty() generation!: number;
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty() eventsPerSecond!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null while the rate is unknown' }) etaSeconds!: number | null;
  @ApiProperty() quarantined!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty(CURSOR) position!: string;
  @ApiProperty(CURSOR) from!: string;
  @ApiProperty(CURSOR) head!: string;
  @ApiPropertyOptional({ type: ProjectionErrorAnswer }) lastError?: ProjectionErrorAnswer;
}

export class SwapAnswer {
  @ApiProperty() projection!: string;
  @ApiProperty({ enum: KINDS }) kind!: RebuildKind;
  @ApiProperty() fromGeneration!: number;
  @ApiProperty() toGeneration!: number;
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty() swappedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What readers saw change: rows compared table by table' })
  comparison!: ComparisonReport;
  @ApiProperty(CURSOR) position!: string;
}

export class ProjectionAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The version in the code' }) version!: number;
  @ApiProperty({ description: 'The version the served rows were written by' }) servedVersion!: number;
  @ApiProperty() generation!: number;
  @ApiProperty({ enum: STATES }) state!: ProjectionState;
  @ApiProperty(CURSOR) checkpoint!: string;
  @ApiProperty(CURSOR) head!: string;
  @ApiProperty({ type: ProjectionLagAnswer }) lag!: ProjectionLagAnswer;
  @ApiProperty() eventsPerSecond!: number;
  @ApiProperty() quarantined!: number;
  @ApiPropertyOptional({ type: ProjectionErrorAnswer }) lastError?: ProjectionErrorAnswer;
  @ApiProperty({ description: 'It can be rebuilt beside its live tables' }) blueGreen!: boolean;
  @ApiProperty({ description: 'It can replay from a point' }) replayable!: boolean;
  @ApiPropertyOptional({ type: BuildAnswer }) build?: BuildAnswer;
  @ApiPropertyOptional({ type: SwapAnswer }) lastSwap?: SwapAnswer;
}

export class ProjectionListAnswer {
  @ApiProperty(CURSOR) head!: string;
  @ApiProperty({ type: [ProjectionAnswer] }) projections!: ProjectionAnswer[];
}

/** A rebuild or replay as recorded in the `admin-projections` stream. */
export class OperationAnswer {
  @ApiProperty({ enum: KINDS }) kind!: RebuildKind;
  @ApiProperty() projection!: string;
  @ApiProperty() version!: number;
  @ApiProperty() generation!: number;
  @ApiProperty(CURSOR) from!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() startedAt!: string;
}

export class OperationStartedAnswer {
  @ApiProperty({ type: OperationAnswer }) operation!: OperationAnswer;
  @ApiProperty({ type: ProjectionAnswer }) status!: ProjectionAnswer;
}

export class QuarantineAnswer {
  @ApiProperty({ description: 'Name it to retry or skip' }) id!: number;
  @ApiProperty() projection!: string;
  @ApiProperty({ enum: ['live', 'shadow'] }) slot!: 'live' | 'shadow';
  @ApiProperty() generation!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'Later events of the stream held back behind it' }) waiting!: number;
  @ApiProperty() quarantinedAt!: string;
  @ApiProperty() lastAttemptAt!: string;
  @ApiProperty(CURSOR) position!: string;
}

export class QuarantineListAnswer {
  @ApiProperty({ type: [QuarantineAnswer] }) items!: QuarantineAnswer[];
}

/** Resolved, or moved: a later event of the stream failed in turn and is quarantined now. */
export class ResolutionAnswer {
  @ApiProperty({ enum: ['resolved', 'moved'] }) outcome!: 'resolved' | 'moved';
  @ApiProperty({ description: 'Events applied (or skipped)' }) applied!: number;
  @ApiPropertyOptional({ type: QuarantineAnswer }) quarantine?: QuarantineAnswer;
}
