import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsOptional } from 'class-validator';
import { FigureReportRequest, IdField, IdList, NestedObject, TextField, TextList } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class SignOfftakeRequest extends CommandRequest {
  @ApiProperty({ example: ['jogmec', 'iwatani'] }) @IdList() @ArrayMinSize(1) buyers!: string[];
  @ApiProperty({ example: 'caremag' }) @IdField() seller!: string;
  @ApiProperty({ example: ['dysprosium oxide', 'terbium oxide'] }) @TextList(50) @ArrayMinSize(1) products!: string[];
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) share!: FigureReportRequest;
  @ApiPropertyOptional({ example: 'long-term' }) @IsOptional() @TextField(200) term?: string;
}

export const signOfftake = defineDealCommandRoute({
  command: 'SignOfftake',
  request: SignOfftakeRequest,
});
