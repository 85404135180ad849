import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECORD_CATEGORIES, type RetentionReport, type ServerDisposalOutcome } from '#application';
import { toCursor } from '#contract';

export class RetainedRecordAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Cursor' }) position!: string;
  @ApiProperty() type!: string;
  @ApiProperty() hash!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'When it may be disposed of: recordedAt plus the schedule, in UTC' }) retainedUntil!: string;
}

export class HoldCountAnswer {
  @ApiProperty() holdId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Records of the category it keeps back' }) records!: number;
}

export class RetentionCategoryAnswer {
  @ApiProperty({ enum: RECORD_CATEGORIES }) category!: string;
  @ApiProperty({ description: 'Years kept, from when the ledger recorded each record' }) years!: number;
  @ApiProperty() records!: number;
  @ApiProperty({ description: 'Records disposed of already' }) disposed!: number;
  @ApiProperty() pastRetention!: number;
  @ApiProperty() disposable!: number;
  @ApiProperty({ description: 'Past retention but kept by a legal hold' }) held!: number;
  @ApiPropertyOptional({ type: RetainedRecordAnswer, description: 'The record past its date the longest' }) oldest?: RetainedRecordAnswer;
  @ApiProperty({ type: [HoldCountAnswer] }) holds!: HoldCountAnswer[];
}

export class RetentionReportAnswer {
  @ApiProperty({ description: 'The moment the schedule was applied at: the ledger clock' }) asOf!: string;
  @ApiProperty({ type: [RetentionCategoryAnswer] }) categories!: RetentionCategoryAnswer[];
}

export class DisposalRecordAnswer {
  @ApiProperty({ description: 'The EventsDisposed.v1 event of admin-disposals' }) disposalEventId!: string;
  @ApiProperty({ description: 'Cursor' }) position!: string;
  @ApiProperty() events!: number;
}

export class DisposedRecordAnswer {
  @ApiProperty({ enum: RECORD_CATEGORIES }) category!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Cursor' }) position!: string;
  @ApiProperty() type!: string;
  @ApiProperty() hash!: string;
  @ApiProperty() recordedAt!: string;
}

export class HeldUnitAnswer {
  @ApiProperty({ enum: RECORD_CATEGORIES }) category!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() events!: number;
  @ApiProperty({ type: [String] }) holds!: string[];
}

export class RebuildStartedAnswer {
  @ApiProperty() projection!: string;
  @ApiProperty() started!: boolean;
  @ApiPropertyOptional({ description: 'Why it did not start (a code): rebuild it by hand' }) refused?: string;
}

export class DisposalAnswer {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [DisposalRecordAnswer], description: 'The disposal events written, one per batch' }) disposals!: DisposalRecordAnswer[];
  @ApiProperty({ type: [DisposedRecordAnswer], description: 'What was (or, dry, would be) emptied' }) disposed!: DisposedRecordAnswer[];
  @ApiProperty({ type: [HeldUnitAnswer], description: 'Past retention but kept by legal holds' }) held!: HeldUnitAnswer[];
  @ApiProperty({ type: [RebuildStartedAnswer], description: 'Projections rebuilt without the emptied events' }) rebuilds!: RebuildStartedAnswer[];
}

export const retentionReportAnswer = (report: RetentionReport): RetentionReportAnswer => ({
  asOf: report.asOf,
  categories: report.categories.map(({ oldest, ...c }) => ({ ...c, ...(oldest ? { oldest: { ...oldest, position: toCursor(oldest.position) } } : {}) })),
});

export const disposalAnswer = (outcome: ServerDisposalOutcome): DisposalAnswer => ({
  dryRun: outcome.dryRun,
  disposals: outcome.disposals.map((d) => ({ ...d, position: toCursor(d.position) })),
  disposed: outcome.disposed.map((d) => ({ ...d, position: toCursor(d.position) })),
  held: outcome.held,
  rebuilds: outcome.rebuilds,
});
