import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureChangeRequest, ReasonField } from './requests/figure-change.request.js';
import { defined, toFigureValue, toSource } from './requests/to-domain.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** The world changed: the source now reports another value. */
export class ReviseFigureRequest extends FigureChangeRequest {
  @ApiPropertyOptional({ example: 'final terms announced' }) @IsOptional() @ReasonField() reason?: string;
}

export const reviseFigure = defineDealCommandRoute({
  command: 'ReviseFigure',
  request: ReviseFigureRequest,
  toCommand: ({ dealId, figureId }, r) =>
    defined({
      type: 'ReviseFigure' as const,
      dealId,
      figureId: figureId!,
      value: toFigureValue(r.value, 'value'),
      source: toSource(r.source),
      reportedAt: r.reportedAt,
      effectiveAt: r.effectiveAt,
      reason: r.reason,
    }),
});
