import { ApiProperty } from '@nestjs/swagger';
import { FigureChangeRequest, ReasonField } from './requests/figure-change.request.js';
import { defined, toFigureValue, toSource } from './requests/to-domain.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** Our record was wrong: the value is put right, and both stay visible. */
export class CorrectFigureRequest extends FigureChangeRequest {
  @ApiProperty({ example: 'mis-keyed: the source said 50 t' }) @ReasonField() reason!: string;
}

export const correctFigure = defineDealCommandRoute({
  command: 'CorrectFigure',
  request: CorrectFigureRequest,
  toCommand: ({ dealId, figureId }, r) =>
    defined({
      type: 'CorrectFigure' as const,
      dealId,
      figureId: figureId!,
      value: toFigureValue(r.value, 'value'),
      source: toSource(r.source),
      reportedAt: r.reportedAt,
      effectiveAt: r.effectiveAt,
      reason: r.reason,
    }),
});
