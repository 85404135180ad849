import { ApiProperty } from '@nestjs/swagger';
import { NestedObject } from './requests/common.request.js';
import { ReportedRequest } from './requests/reported.request.js';
import { PartyRequest } from './register-deal.request.js';
import { defineDealCommandRoute } from './deal-command-route.js';

export class JoinDealRequest extends ReportedRequest {
  @ApiProperty({ type: PartyRequest }) @NestedObject(() => PartyRequest) party!: PartyRequest;
}

export const joinDeal = defineDealCommandRoute({ command: 'JoinDeal', request: JoinDealRequest });
