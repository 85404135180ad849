import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { deriveId } from '#application';
import { DEAL_LINK_RELATIONS, type DealLinkRelation } from '#domain';
import { IdField } from './requests/common.request.js';
import { ReportedRequest } from './requests/reported.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class LinkDealRequest extends ReportedRequest {
  @ApiPropertyOptional() @IsOptional() @IdField() linkId?: string;
  @ApiProperty({ enum: DEAL_LINK_RELATIONS, enumName: 'DealLinkRelation', description: 'Read from this deal’s side: this deal supersedes the other' })
  @IsIn(DEAL_LINK_RELATIONS)
  relation!: DealLinkRelation;
  @ApiProperty({ example: 'caremag-2025', description: 'A deal on record' }) @IdField() targetDealId!: string;
}

export const linkDeal = defineDealCommandRoute({
  command: 'LinkDeal',
  request: LinkDealRequest,
  defaults: (commandId) => ({ linkId: deriveId(commandId, 'link') }),
});
