import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PRICE_AGREEMENT_KINDS, type PriceAgreementKind } from '#domain';
import { FigureReportRequest, IdField, NestedObject, TextField } from '../requests/common.request.js';
import { CommandRequest } from '../requests/command.request.js';
import { defineDealCommandRoute } from '../deal-command-route.js';

export class AgreePriceRequest extends CommandRequest {
  @ApiProperty({ enum: PRICE_AGREEMENT_KINDS }) @IsIn(PRICE_AGREEMENT_KINDS) kind!: PriceAgreementKind;
  @ApiProperty({ example: 'gov-us' }) @IdField() provider!: string;
  @ApiProperty({ example: 'mp-materials' }) @IdField() beneficiary!: string;
  @ApiProperty({ example: 'NdPr oxide' }) @TextField(200) product!: string;
  @ApiProperty({ type: FigureReportRequest, description: 'A unit price (a range for a collar)' })
  @NestedObject(() => FigureReportRequest)
  price!: FigureReportRequest;
  @ApiPropertyOptional({ type: FigureReportRequest, description: 'A duration' })
  @IsOptional()
  @NestedObject(() => FigureReportRequest)
  term?: FigureReportRequest;
}

export const agreePrice = defineDealCommandRoute({ command: 'AgreePrice', request: AgreePriceRequest });
