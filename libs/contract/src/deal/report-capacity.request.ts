import { ApiProperty } from '@nestjs/swagger';
import { FigureReportRequest, NestedObject, TextField } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class ReportCapacityRequest extends CommandRequest {
  @ApiProperty({ example: 'Caremag refinery, Lacq' }) @TextField(300) facility!: string;
  @ApiProperty({ example: 'dysprosium' }) @TextField(200) product!: string;
  @ApiProperty({ type: FigureReportRequest })
  @NestedObject(() => FigureReportRequest) capacity!: FigureReportRequest;
}

export const reportCapacity = defineDealCommandRoute({
  command: 'ReportCapacity',
  request: ReportCapacityRequest,
});
