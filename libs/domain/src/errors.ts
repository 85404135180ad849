import { LedgerError, type ErrorKind } from './ledger-error.js';

/**
 * Every rule the ledger enforces fails with a DomainError carrying a stable `code`.
 * A rule can only find the input invalid, the thing missing, or the state against it;
 * `field` names the offending input so a caller can point at it.
 */
export type DomainErrorKind = Extract<ErrorKind, 'invalid' | 'not_found' | 'conflict'>;

export class DomainError extends LedgerError {
  declare readonly kind: DomainErrorKind;

  constructor(code: string, message: string, kind: DomainErrorKind, field?: string, details?: Record<string, unknown>) {
    super(code, message, kind, { field, details });
  }
}

export const invalid = (code: string, message: string, field?: string): DomainError =>
  new DomainError(code, message, 'invalid', field);

export const notFound = (code: string, message: string, field?: string): DomainError =>
  new DomainError(code, message, 'not_found', field);

export const conflict = (code: string, message: string, field?: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, message, 'conflict', field, details);

/** The stable codes, in one place so that docs, the HTTP filter and tests agree. */
export const ErrorCodes = {
  dealNotFound: 'DEAL.NOT_FOUND',
  dealAlreadyRegistered: 'DEAL.ALREADY_REGISTERED',
  unknownParty: 'DEAL.UNKNOWN_PARTY',
  duplicateParty: 'DEAL.DUPLICATE_PARTY',
  invalidId: 'ID.INVALID',
  figureNotFound: 'FIGURE.NOT_FOUND',
  figureAlreadyExists: 'FIGURE.ALREADY_EXISTS',
  stakeAlreadyOpen: 'STAKE.ALREADY_OPEN',
  unknownFigure: 'DEAL.UNKNOWN_FIGURE',
  stageNotApplicable: 'FIGURE.STAGE_NOT_APPLICABLE',
  stageUnchanged: 'FIGURE.STAGE_UNCHANGED',
  conditionWithoutConditional: 'STAKE.CONDITION_ON_UNCONDITIONAL',
  figureRetracted: 'FIGURE.ALREADY_RETRACTED',
  correctionChangesNothing: 'FIGURE.CORRECTION_CHANGES_NOTHING',
  revisionChangesNothing: 'FIGURE.REVISION_CHANGES_NOTHING',
  measureMismatch: 'FIGURE.MEASURE_MISMATCH',
  invalidCurrency: 'MONEY.INVALID_CURRENCY',
  invalidDecimal: 'FIGURE.INVALID_DECIMAL',
  negativeAmount: 'FIGURE.NEGATIVE_AMOUNT',
  percentageOutOfRange: 'FIGURE.PERCENTAGE_OUT_OF_RANGE',
  rangeInverted: 'FIGURE.RANGE_MIN_GREATER_THAN_MAX',
  missingValue: 'FIGURE.MISSING_VALUE',
  valueOnUndisclosed: 'FIGURE.VALUE_ON_UNDISCLOSED',
  qualifierNotAllowed: 'FIGURE.QUALIFIER_NOT_ALLOWED',
  conversionWithoutRate: 'MONEY.CONVERSION_WITHOUT_RATE',
  conversionRateMismatch: 'MONEY.CONVERSION_RATE_MISMATCH',
  conversionOnNonMoney: 'MONEY.CONVERSION_ON_NON_MONEY',
  invalidTimestamp: 'TIME.INVALID_TIMESTAMP',
  reportedAfterRecording: 'TIME.REPORTED_AFTER_RECORDING',
  effectiveAtImplausible: 'TIME.EFFECTIVE_AT_IMPLAUSIBLE',
  noteAlreadyExists: 'NOTE.ALREADY_EXISTS',
  required: 'VALUE.REQUIRED',
  invalidList: 'VALUE.INVALID_LIST',
  notAllowed: 'VALUE.NOT_ALLOWED',
  invalidMeasure: 'FIGURE.INVALID_MEASURE',
  unexpectedValue: 'FIGURE.UNEXPECTED_VALUE',
  conversionSameCurrency: 'MONEY.CONVERSION_TO_SAME_CURRENCY',
  invalidRate: 'MONEY.INVALID_RATE',
  invalidUrl: 'SOURCE.INVALID_URL',
  invalidCountry: 'PARTY.INVALID_COUNTRY',
  partyNotFound: 'PARTY.NOT_FOUND',
  partyAlreadyRegistered: 'PARTY.ALREADY_REGISTERED',
  invalidLei: 'PARTY.INVALID_LEI',
  renameChangesNothing: 'PARTY.RENAME_CHANGES_NOTHING',
  aliasAlreadyKnown: 'PARTY.ALIAS_ALREADY_KNOWN',
  parentIsSelf: 'PARTY.PARENT_IS_SELF',
  unknownParent: 'PARTY.UNKNOWN_PARENT',
  parentAlreadyLinked: 'PARTY.PARENT_ALREADY_LINKED',
  parentLinkNotOpen: 'PARTY.PARENT_LINK_NOT_OPEN',
  linkEndsBeforeStart: 'PARTY.LINK_ENDS_BEFORE_START',
  keyInvalidHash: 'KEYS.INVALID_HASH',
  keyInvalidName: 'KEYS.INVALID_NAME',
  keyInvalidRole: 'KEYS.INVALID_ROLE',
  keyNameTaken: 'KEYS.NAME_TAKEN',
  keyNotFound: 'KEYS.NOT_FOUND',
  keyAlreadyRevoked: 'KEYS.ALREADY_REVOKED',
  unknownCommand: 'COMMAND.UNKNOWN',
  malformedEvent: 'EVENT.MALFORMED',
  // The real-deals model's measures (issue 15 §2.2).
  unknownUnit: 'FIGURE.UNKNOWN_UNIT',
  unknownRatePeriod: 'FIGURE.UNKNOWN_RATE_PERIOD',
  countNotWhole: 'FIGURE.COUNT_NOT_WHOLE',
  durationNotPositive: 'FIGURE.DURATION_NOT_POSITIVE',
  invalidDuration: 'FIGURE.INVALID_DURATION',
  invalidDate: 'FIGURE.INVALID_DATE',
  boundQualifierWithoutRange: 'FIGURE.BOUND_QUALIFIER_WITHOUT_RANGE',
  estimateOfUndisclosed: 'FIGURE.ESTIMATE_OF_UNDISCLOSED',
  invalidStage: 'FIGURE.INVALID_STAGE',
  // Deals naming registered parties and other deals.
  unregisteredParty: 'DEAL.UNREGISTERED_PARTY',
  partyAlreadyOnDeal: 'DEAL.PARTY_ALREADY_ON_DEAL',
  linkToItself: 'DEAL.LINK_TO_ITSELF',
  unknownLinkTarget: 'DEAL.UNKNOWN_LINK_TARGET',
  linkAlreadyExists: 'DEAL.LINK_ALREADY_EXISTS',
  dealAlreadyLinked: 'DEAL.ALREADY_LINKED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
