import { ApiProperty } from '@nestjs/swagger';
import { FigureReportRequest, IdField, NestedObject } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { toFigureReport } from './requests/to-domain.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class DiscloseStakeRequest extends CommandRequest {
  @ApiProperty({ example: 'jogmec' }) @IdField() holder!: string;
  @ApiProperty({ example: 'caremag' }) @IdField() target!: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) stake!: FigureReportRequest;
}

export const discloseStake = defineDealCommandRoute({
  command: 'DiscloseStake',
  request: DiscloseStakeRequest,
  toCommand: ({ dealId }, r, commandId) => ({
    type: 'DiscloseStake' as const,
    dealId,
    holder: r.holder,
    target: r.target,
    stake: toFigureReport(r.stake, commandId, 'stake'),
  }),
});
