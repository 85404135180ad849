import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FigureField } from '#domain';
import type { FigureHistory } from '#application';
import type { AuditChangePage, FigureHistoryEntry } from '#projections';
import { enumOf, FigureValueRequest, toCursor, withCursor } from '#contract';
import { FigureRecordAnswer } from '../deal/deal.answer.js';
import { StaleAnswer, StaleMember } from '../http/stale/stale-answer.js';

export const FIGURE_FIELDS = enumOf<FigureField>({
  measure: true, currency: true, unit: true, per: true, qualifier: true, amount: true, min: true, max: true,
  text: true, conversions: true, note: true, source: true, reportedAt: true, effectiveAt: true, status: true, stage: true,
});

/** One entry of a figure's record: a value it had, who recorded it, from which source, and why. */
export class HistoryEntryAnswer extends FigureRecordAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ enum: FIGURE_FIELDS, enumName: 'FigureField', isArray: true, description: 'What differs from the previous entry' })
  changed!: FigureField[];
  @ApiPropertyOptional({ type: FigureValueRequest }) previousValue?: FigureValueRequest;
  @ApiProperty() eventType!: string;
  @ApiProperty() commandId!: string;
  @ApiProperty() revision!: number;
}

export class FigureHistoryAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty() figureId!: string;
  @ApiProperty({ description: 'What the figure is, in words: its fact, parties and terms', example: 'Stake of Iwatani Corporation in Caremag' })
  label!: string;
  @ApiProperty({ type: [HistoryEntryAnswer], description: 'In record order' }) entries!: HistoryEntryAnswer[];
  @StaleMember() stale?: StaleAnswer;
}

export class AuditChangePageAnswer {
  @ApiProperty({ type: [HistoryEntryAnswer] }) items!: HistoryEntryAnswer[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page', example: '42' }) next?: string;
  @StaleMember() stale?: StaleAnswer;
}

export const historyEntryAnswer = (entry: FigureHistoryEntry): HistoryEntryAnswer => withCursor(entry);

export const figureHistoryAnswer = (dealId: string, figureId: string, { label, entries }: FigureHistory): FigureHistoryAnswer => ({
  dealId,
  figureId,
  label,
  entries: entries.map(historyEntryAnswer),
});

export const auditChangePageAnswer = (page: AuditChangePage): AuditChangePageAnswer => ({
  items: page.items.map(historyEntryAnswer),
  ...(page.next !== undefined ? { next: toCursor(page.next) } : {}),
});
