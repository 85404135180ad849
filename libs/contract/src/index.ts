/**
 * The wire contract both apps hold to: the deal command bodies (class-validator classes, the
 * one definition of each) and their validation, the error body, cursors, and the answers the
 * `ledger` command prints as the API does. `ledger import` checks a line exactly as a POST.
 */
export { CURSOR_PROPERTY, fromCursor, toCursor, withCursor, withCursorLast } from './cursor.js';
export { enumOf } from './answer-enum.js';
export { flattenValidationErrors, validateRequest, validatorOptions } from './validation.js';
export { RequestValidationError, type ErrorBody } from './errors/error-body.js';
export { describeError } from './errors/describe-error.js';
export { operationView, projectionListView, projectionView, quarantineView, resolutionView } from './projection-views.js';
export * from './projection.answer.js';

export { toDealCommand, type CommandTarget, type DealCommandRoute } from './deal/deal-command-route.js';
export { plausibilityOverrideOf } from './command-extras.js';
export { dealCommandRoutes } from './deal/deal-command-routes.js';
export { FigureValueRequest, IdField, NestedObject, SourceRequest, TextField } from './deal/requests/common.request.js';
export { announceGovernmentSupport, AnnounceGovernmentSupportRequest } from './deal/announce-government-support.request.js';
export { announceInvestment, AnnounceInvestmentRequest } from './deal/announce-investment.request.js';
export { correctFigure, CorrectFigureRequest } from './deal/correct-figure.request.js';
export { discloseStake, DiscloseStakeRequest } from './deal/disclose-stake.request.js';
export { recordNote, RecordNoteRequest } from './deal/record-note.request.js';
export { PartyRequest, registerDeal, RegisterDealRequest } from './deal/register-deal.request.js';
export { joinDeal, JoinDealRequest } from './deal/join-deal.request.js';
export { linkDeal, LinkDealRequest } from './deal/link-deal.request.js';
export { reportCapacity, ReportCapacityRequest } from './deal/report-capacity.request.js';
export { reportMetric, ReportMetricRequest } from './deal/report-metric.request.js';
export { retractReport, RetractReportRequest } from './deal/retract-report.request.js';
export { reportStage, ReportStageRequest } from './deal/report-stage.request.js';
export { reviseFigure, ReviseFigureRequest } from './deal/revise-figure.request.js';
export { signOfftake, SignOfftakeRequest } from './deal/sign-offtake.request.js';
export { INSTRUMENT_ROUTES } from './deal/instruments/instrument-routes.js';
export { dealCommandPath, FACT_COMMAND_PATHS, FIGURE_COMMAND_PATHS } from './deal/deal-command-paths.js';
export { AgreeDebtRequest } from './deal/instruments/agree-debt.request.js';
export { AgreePriceRequest } from './deal/instruments/agree-price.request.js';
export { AwardGrantRequest } from './deal/instruments/award-grant.request.js';
export { CommitPurchaseRequest } from './deal/instruments/commit-purchase.request.js';
export { GiveGuaranteeRequest } from './deal/instruments/give-guarantee.request.js';
export { IssueWarrantsRequest } from './deal/instruments/issue-warrants.request.js';
export { SubscribeEquityRequest } from './deal/instruments/subscribe-equity.request.js';

export { toPartyCommand, type PartyCommandRoute, type PartyTarget } from './party/party-command-route.js';
export { partyCommandRoutes } from './party/party-command-routes.js';
export {
  addPartyAlias,
  AddPartyAliasRequest,
  endPartyParentLink,
  EndPartyParentLinkRequest,
  linkPartyParent,
  LinkPartyParentRequest,
  registerParty,
  RegisterPartyRequest,
  renameParty,
  RenamePartyRequest,
} from './party/party.request.js';
