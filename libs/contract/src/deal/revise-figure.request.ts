import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FigureChangeRequest, ReasonField } from './requests/figure-change.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

/** The world changed: the source now reports another value. */
export class ReviseFigureRequest extends FigureChangeRequest {
  @ApiPropertyOptional({ example: 'final terms announced' }) @IsOptional() @ReasonField() reason?: string;
}

export const reviseFigure = defineDealCommandRoute({
  command: 'ReviseFigure',
  request: ReviseFigureRequest,
});
