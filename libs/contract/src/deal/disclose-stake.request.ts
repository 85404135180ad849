import { ApiProperty } from '@nestjs/swagger';
import { FigureReportRequest, IdField, NestedObject } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class DiscloseStakeRequest extends CommandRequest {
  @ApiProperty({ example: 'jogmec' }) @IdField() holder!: string;
  @ApiProperty({ example: 'caremag' }) @IdField() target!: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) stake!: FigureReportRequest;
}

export const discloseStake = defineDealCommandRoute({
  command: 'DiscloseStake',
  request: DiscloseStakeRequest,
});
