import { ApiProperty } from '@nestjs/swagger';
import { FigureChangeRequest, ReasonField } from './requests/figure-change.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** Our record was wrong: the value is put right, and both stay visible. */
export class CorrectFigureRequest extends FigureChangeRequest {
  @ApiProperty({ example: 'mis-keyed: the source said 50 t' }) @ReasonField() reason!: string;
}

export const correctFigure = defineDealCommandRoute({
  command: 'CorrectFigure',
  request: CorrectFigureRequest,
});
