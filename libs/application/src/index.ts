export * from './application.errors.js';
export * from './command-context.js';
export { FoldedStreamCache } from './command-handling/folded-stream-cache.js';
export * from './ids.js';
export * from './tokens.js';
export * from './deal/deal-command-result.js';
export * from './deal/deal-command-envelope.js';
export * from './deal/record-deal.handler.js';
export * from './deal/dry-run-deal.handler.js';
export * from './deal/dry-run-on-deal-stream.js';
export * from './party/party-command-result.js';
export * from './party/record-party.handler.js';
export * from './party/dry-run-party.handler.js';
export { recordPartyCommand, type PartyCommandDryRun } from './party/record-on-party-stream.js';
export type { CommandDryRun, EventToWrite } from './command-handling/dry-run.js';
export * from './party/get-party.query.js';
export * from './party/list-parties.query.js';
export * from './queries/get-deal.query.js';
export * from './queries/list-deals.query.js';
export * from './queries/get-deal-events.query.js';
export * from './admin/admin-events.js';
export * from './admin/component-admin.js';
export * from './admin/projection-admin.js';
export * from './admin/record-admin-event.js';
export * from './audit/audit-queries.js';
export * from './audit/deal-as-of.js';
export * from './audit/deal-diff.js';
export * from './audit/record-point.js';
export * from './read-model-check/read-model-difference.js';
export * from './read-model-check/check-deal-read-model.js';
export * from './read-model-check/check-read-models.js';
export * from './read-model-check/read-models-ahead.js';
export * from './tamper-evidence/tamper-evidence-settings.js';
export * from './tamper-evidence/signing-key.js';
export * from './tamper-evidence/ledger-signer.js';
export * from './tamper-evidence/transparency-log.js';
export * from './tamper-evidence/checkpoint-signer.js';
export * from './tamper-evidence/signed-history.js';
export * from './tamper-evidence/checkpoint-scheduler.js';
export * from './tamper-evidence/timestamp-authority.js';
export * from './tamper-evidence/verify-ledger.js';
export * from './tamper-evidence/verify-deal.js';
export * from './evidence/export-deal-evidence.js';

import { auditQueryHandlers } from './audit/audit-queries.js';
import { RecordDealHandler } from './deal/record-deal.handler.js';
import { DryRunDealHandler } from './deal/dry-run-deal.handler.js';
import { GetPartyHandler } from './party/get-party.query.js';
import { ListPartiesHandler } from './party/list-parties.query.js';
import { RecordPartyHandler } from './party/record-party.handler.js';
import { DryRunPartyHandler } from './party/dry-run-party.handler.js';
import { GetDealEventsHandler } from './queries/get-deal-events.query.js';
import { GetDealHandler } from './queries/get-deal.query.js';
import { ListDealsHandler } from './queries/list-deals.query.js';

/** The handlers a Nest module registers with the CQRS buses. */
export const applicationHandlers = [
  RecordDealHandler,
  DryRunDealHandler,
  RecordPartyHandler,
  DryRunPartyHandler,
  GetPartyHandler,
  ListPartiesHandler,
  GetDealHandler,
  ListDealsHandler,
  GetDealEventsHandler,
  ...auditQueryHandlers,
];
export * from './deal/bulk-record.js';
export * from './deal/load-deal.js';
export * from './deal/record-on-deal-stream.js';
export * from './subscriptions/index.js';
export * from './access/auth.errors.js';
export * from './access/access-events.js';
export * from './access/api-key-records.js';
export * from './access/api-key-book.js';
export * from './access/key-event-signature.js';
export * from './access/access-log.js';
export * from './records/legal-hold.js';
export * from './records/personal-data/index.js';
export * from './records/legal-hold-events.js';
export * from './records/active-legal-holds.js';
export * from './records/legal-hold-book.js';
export * from './evidence/provable-checkpoint.js';
export * from './evidence/regulator/export-scope.js';
export * from './evidence/regulator/export-regulator-package.js';
export * from './evidence/regulator/regulator-package-zip.js';
export { winAnsiText } from './evidence/regulator/win-ansi.js';
export * from './records/retention/index.js';
