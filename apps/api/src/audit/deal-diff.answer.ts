import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DealDiff } from '#application';
import type { FigureField, FigureStatus } from '#domain';
import { CURSOR_PROPERTY, toCursor, withCursor } from '#contract';
import { ANY_JSON } from '../http/openapi/json-value.js';
import { FIGURE_STATUSES, NoteAnswer } from '../deal/deal.answer.js';
import { FIGURE_FIELDS, HistoryEntryAnswer, historyEntryAnswer } from './figure-history.answer.js';

export class FieldChangeAnswer {
  @ApiProperty({ enum: FIGURE_FIELDS, enumName: 'FigureField' }) field!: FigureField;
  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value before; absent for an added figure' }) before?: unknown;
  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value after' }) after?: unknown;
}

export class FigureDiffAnswer {
  @ApiProperty() figureId!: string;
  @ApiProperty() fact!: string;
  @ApiProperty({ description: 'What the figure is, in words: its fact, parties and terms' }) label!: string;
  @ApiProperty({ enum: ['added', 'changed'] }) kind!: 'added' | 'changed';
  @ApiPropertyOptional({ enum: FIGURE_STATUSES, enumName: 'FigureStatus' }) statusBefore?: FigureStatus;
  @ApiProperty({ enum: FIGURE_STATUSES, enumName: 'FigureStatus' }) statusAfter!: FigureStatus;
  @ApiPropertyOptional() displayBefore?: string;
  @ApiProperty() displayAfter!: string;
  @ApiProperty({ type: [FieldChangeAnswer] }) changes!: FieldChangeAnswer[];
  @ApiProperty({ type: [HistoryEntryAnswer], description: 'The entries recorded between the two moments: the causes' })
  causes!: HistoryEntryAnswer[];
}

export class DiffNoteAnswer extends NoteAnswer {
  @ApiProperty(CURSOR_PROPERTY) position!: string;
}

/** What changed in a deal's record between two moments, each change with its causes. */
export class DealDiffAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ description: 'The cursor the diff starts from' }) from!: string;
  @ApiProperty({ description: 'The cursor it runs to' }) to!: string;
  @ApiProperty({ type: [FigureDiffAnswer] }) figures!: FigureDiffAnswer[];
  @ApiProperty({ type: [DiffNoteAnswer] }) notesAdded!: DiffNoteAnswer[];
}

export function dealDiffAnswer(diff: DealDiff): DealDiffAnswer {
  return {
    ...diff,
    from: toCursor(diff.from),
    to: toCursor(diff.to),
    figures: diff.figures.map((f) => ({ ...f, causes: f.causes.map(historyEntryAnswer) })),
    notesAdded: diff.notesAdded.map(withCursor),
  };
}
