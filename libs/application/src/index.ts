export * from './application.errors.js';
export * from './command-context.js';
export * from './ids.js';
export * from './tokens.js';
export * from './deal/deal-command-result.js';
export * from './deal/record-deal.command.js';
export * from './deal/record-deal.handler.js';
export * from './queries/get-deal.query.js';
export * from './queries/list-deals.query.js';
export * from './queries/get-deal-events.query.js';

import { RecordDealHandler } from './deal/record-deal.handler.js';
import { GetDealEventsHandler } from './queries/get-deal-events.query.js';
import { GetDealHandler } from './queries/get-deal.query.js';
import { ListDealsHandler } from './queries/list-deals.query.js';

/** The handlers a Nest module registers with the CQRS buses. */
export const applicationHandlers = [RecordDealHandler, GetDealHandler, ListDealsHandler, GetDealEventsHandler];
export * from './deal/bulk-record.js';
export * from './deal/load-deal.js';
export * from './deal/record-deal-command.js';
