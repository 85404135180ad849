// The public surface of the domain. Test helpers under deal/testing are not part of it.

export { DomainError, ErrorCodes, conflict, invalid, notFound } from './errors.js';
export { ERROR_KINDS, LedgerError, type ErrorKind, type LedgerErrorOptions } from './ledger-error.js';
export type { DomainErrorKind, ErrorCode } from './errors.js';

export { withoutUndefined } from './values/without-undefined.js';
export { ID_PATTERN, assertValidId, isValidId } from './values/identifiers.js';
export { assertTimestamp, isIsoTimestamp, timestampsEqual } from './values/timestamp.js';
export { DEFAULT_EFFECTIVE_WINDOW, describeWindowBound, effectiveWindowAt } from './values/effective-window.js';
export type { EffectiveWindow, WindowBound } from './values/effective-window.js';
export { ISO_CURRENCY_CODES, isIsoCurrency } from './values/currency.js';
export type { IsoCurrencyCode } from './values/currency.js';
export * from './values/decimal.js';

export {
  AGREEMENT_STAGES,
  FACILITY_STAGES,
  MEASURE_KINDS,
  POINT_QUALIFIERS,
  QUALIFIERS,
  SOURCE_TIERS,
  STAGES,
  UNDISCLOSED_QUALIFIERS,
} from './values/figure.js';
export type {
  Conversion,
  ExchangeRate,
  FigureReport,
  FigureValue,
  Measure,
  MeasureKind,
  Qualifier,
  Source,
  SourceTier,
  Stage,
} from './values/figure.js';
export {
  TEXT_QUALIFIERS,
  assertCurrency,
  assertValidConversion,
  assertValidFigureReport,
  assertValidFigureValue,
  assertValidMeasure,
  assertValidSource,
} from './values/figure-rules.js';
export { figureValuesEqual, measuresEqual, sourcesEqual } from './values/figure-equality.js';
export { describeFigureValue, formatDecimal } from './values/describe-figure.js';
export {
  DATE_PRECISIONS,
  DURATION_UNITS,
  MEASURE_KINDS_V1,
  QUALIFIERS_V1,
  RANGE_MAX_QUALIFIERS,
  RANGE_MIN_QUALIFIERS,
} from './values/figure.js';
export type {
  DatePrecision,
  DurationUnit,
  Estimate,
  FigureReportV1,
  FigureValueV1,
  MeasureV1,
  QualifierV1,
  RangeMaxQualifier,
  RangeMinQualifier,
} from './values/figure.js';
export { canonicalFigureValue } from './values/canonical-figure.js';
export { RATE_PERIODS, UNITS, convertUnit, isKnownUnit, unitOf, unitWords, type UnitDefinition } from './values/units.js';
export { parseIsoDuration, toIsoDuration, type DecimalDuration } from './values/iso-duration.js';
export { describePartialDate, isPartialDate } from './values/partial-date.js';

// Every event shape, party kind and type list of the deal is public: the events are the contract.
export * from './deal/deal-events.js';
export type { CommandOf, DealCommand, DealCommandType } from './deal/deal-commands.js';
export { figureStateFromReport, initialDealState } from './deal/deal-state.js';
export type { DealState, FigureFact, FigureState, FigureStatus, InstrumentFact, IntroducedFigure, RegisteredDealState, ReportedFact } from './deal/deal-state.js';
export * from './deal/instruments/instrument-events.js';
export { INSTRUMENT_FIGURE_FACTS } from './deal/instruments/fact-kinds.js';
export { DEAL_CATEGORY, dealIdFromStreamName, dealStreamName } from './deal/deal-stream.js';

export { figuresIntroducedBy } from './deal/figures-of-event.js';
export { evolveDeal, foldDeal } from './deal/evolve.js';
export { decideDeal } from './deal/decide.js';
export type { DecisionContext, KnownReferences, PlausibilityOverride, RegisteredPartyInfo } from './deal/decision-context.js';
export { dealReferencesOf, type DealReferences } from './deal/deal-references.js';
export type { RegisterDeal } from './deal/register-deal.decide.js';
export type { AnnounceInvestment } from './deal/announce-investment.decide.js';
export type { SignOfftake } from './deal/sign-offtake.decide.js';
export type { DiscloseStake } from './deal/disclose-stake.decide.js';
export type { ReportCapacity } from './deal/report-capacity.decide.js';
export type { AnnounceGovernmentSupport } from './deal/announce-government-support.decide.js';
export type { ReportMetric } from './deal/report-metric.decide.js';
export type { RecordNote } from './deal/record-note.decide.js';
export type { ReviseFigure } from './deal/revise-figure.decide.js';
export type { CorrectFigure } from './deal/correct-figure.decide.js';
export type { RetractReport } from './deal/retract-report.decide.js';
export type { JoinDeal } from './deal/join-deal.decide.js';
export type { LinkDeal } from './deal/link-deal.decide.js';

export { fromStoredEvent, toStoredEvent, upcasters } from './deal/event-codec.js';
export type { StoredEvent, Upcaster, Upcasters } from './deal/event-codec.js';
export { offtakeTermReport, termFigureIdFor } from './deal/offtake-term.js';
export {
  DEAL_EVENT_DEFINITIONS,
  SHARED_DEFINITIONS,
  dealEventSchemaDocument,
  withDefinitionsUnder,
} from './deal/deal-event-schemas.js';
export type { DealEventDefinition, JsonSchema, SharedDefinitionName } from './deal/deal-event-schemas.js';
export { DEAL_EVENT_ENVELOPE_SCHEMA, envelopeSchema } from './deal/deal-event-envelope.js';
export type { DealEventEnvelope, Delivery, EnvelopeMetadata, EnvelopeSubject } from './deal/deal-event-envelope.js';

export { FIGURE_CHANGE_KINDS, VALUE_CHANGES, changeKindOf, changedFields, currencyOfValue, isUndisclosed, perOfValue, unitOfValue } from './audit/figure-change.js';
export type { FigureChangeKind, FigureEntry, FigureField } from './audit/figure-change.js';
export { entryInEffectAt } from './audit/valid-time.js';
export type { TimedEntry } from './audit/valid-time.js';

export { ROLES, isRole } from './access/roles.js';
export type { Role } from './access/roles.js';
export { API_KEY_EVENT_TYPES } from './access/api-key-events.js';
export type { ApiKeyEvent, ApiKeyIssued, ApiKeyRevoked } from './access/api-key-events.js';
export { evolveApiKeys, initialApiKeyState } from './access/api-key-state.js';
export type { ApiKeyFacts, ApiKeyState } from './access/api-key-state.js';
export { KEY_NAME, SHA256_HEX, decideApiKeys } from './access/api-keys.decide.js';
export type { AdoptApiKey, ApiKeyCommand, IssueApiKey, RevokeApiKey } from './access/api-keys.decide.js';

// Parties across deals (issue 15): their own streams, named by id from deals.
export { PARTY_CATEGORY, partyIdFromStreamName, partyStreamName } from './party/party-stream.js';
export { LEI_PATTERN, isValidLei, leiCheckDigits } from './party/lei.js';
export { PARTY_EVENT_TYPES, isPartyEventType } from './party/party-events.js';
export type {
  PartyAliasAddedV1,
  PartyEvent,
  PartyEventType,
  PartyParentLinkEndedV1,
  PartyParentLinkedV1,
  PartyRegisteredV1,
  PartyRenamedV1,
} from './party/party-events.js';
export type { PartyCommand, PartyCommandOf, PartyCommandType } from './party/party-commands.js';
export { evolveParty, foldParty, initialPartyState, nameInEffectAt } from './party/party-state.js';
export type { DatedName, ParentLink, PartyState, RegisteredPartyState } from './party/party-state.js';
export { decideParty } from './party/decide-party.js';
export { referencesOf } from './party/party-references.js';
export { fromStoredPartyEvent } from './party/party-codec.js';
export type { PartyEventEnvelope } from './party/party-event-envelope.js';
export { partyRecordOf } from './party/party-record.js';
export type { PartyNameEntry, PartyRecord, RecordedPartyEvent } from './party/party-record.js';
export { figureLabel, type NameOf } from './deal/figure-label.js';

// Records management: erasures (and later holds and disposals), published as the records category.
export { RECORDS_CATEGORY, isRecordsStream, recordsStreamName, type RecordsArea } from './records/records-stream.js';
export { RECORDS_EVENT_TYPES, isRecordsEventType } from './records/records-events.js';
export type { PersonalDataErasedV1, RecordsEvent, RecordsEventType } from './records/records-events.js';
export type { RecordsEventEnvelope } from './records/records-event-envelope.js';

// The events offered to subscribers, deal, party and records: one list for /schemas, /asyncapi.json and the streams.
export { EVENT_ENVELOPE_SCHEMA, PUBLISHED_EVENT_DEFINITIONS, envelopeSubjectOf, publishedEventDefinition } from './published-events.js';
export type { LedgerEventEnvelope } from './published-events.js';
