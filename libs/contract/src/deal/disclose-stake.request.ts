import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { STAKE_BASES, type StakeBasis } from '#domain';
import { FigureReportRequest, IdField, NestedObject, TextField } from './requests/common.request.js';
import { CommandRequest } from './requests/command.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class DiscloseStakeRequest extends CommandRequest {
  @ApiProperty({ example: 'jogmec' }) @IdField() holder!: string;
  @ApiProperty({ example: 'caremag' }) @IdField() target!: string;
  @ApiProperty({ type: FigureReportRequest }) @NestedObject(() => FigureReportRequest) stake!: FigureReportRequest;
  @ApiPropertyOptional({
    enum: STAKE_BASES,
    description: 'What the percentage is a share of. Default: unspecified (the source did not say)',
  })
  @IsOptional()
  @IsIn(STAKE_BASES)
  basis?: StakeBasis;
  @ApiPropertyOptional({ description: 'True for a stake held only once a condition is met. Default: false' })
  @IsOptional()
  @IsBoolean()
  conditional?: boolean;
  @ApiPropertyOptional({ example: 'once the preferred shares are converted and the warrants exercised' })
  @IsOptional()
  @TextField(500)
  condition?: string;
  @ApiPropertyOptional({
    example: 'second tranche',
    description: 'Names a stake held beside another of the same holder, target and basis; without it, a second such stake is refused',
  })
  @IsOptional()
  @TextField(200)
  tranche?: string;
}

export const discloseStake = defineDealCommandRoute({
  command: 'DiscloseStake',
  request: DiscloseStakeRequest,
});
