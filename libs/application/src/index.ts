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
export * from './admin/admin-events.js';
export * from './admin/projection-admin.js';
export * from './admin/record-admin-event.js';
export * from './audit/audit-queries.js';
export * from './audit/deal-as-of.js';
export * from './audit/deal-diff.js';
export * from './audit/record-point.js';
export * from './tamper-evidence/tamper-evidence-settings.js';
export * from './tamper-evidence/signing-key.js';
export * from './tamper-evidence/checkpoint-files.js';
export * from './tamper-evidence/verify-ledger.js';
export * from './tamper-evidence/sign-ledger-checkpoint.js';
export * from './evidence/bundle-format.js';
export * from './evidence/export-deal-evidence.js';
export * from './evidence/verify-evidence-bundle.js';

import { auditQueryHandlers } from './audit/audit-queries.js';
import { RecordDealHandler } from './deal/record-deal.handler.js';
import { GetDealEventsHandler } from './queries/get-deal-events.query.js';
import { GetDealHandler } from './queries/get-deal.query.js';
import { ListDealsHandler } from './queries/list-deals.query.js';

/** The handlers a Nest module registers with the CQRS buses. */
export const applicationHandlers = [
  RecordDealHandler,
  GetDealHandler,
  ListDealsHandler,
  GetDealEventsHandler,
  ...auditQueryHandlers,
];
export * from './deal/bulk-record.js';
export * from './deal/load-deal.js';
export * from './deal/record-deal-command.js';
export * from './subscriptions/index.js';
export * from './access/roles.js';
export * from './access/access-events.js';
export * from './access/api-key-book.js';
export * from './access/access-log.js';
