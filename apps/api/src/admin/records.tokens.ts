/** The personal-data vault (`PersonalDataVault`). */
export const PERSONAL_DATA_VAULT = Symbol('PERSONAL_DATA_VAULT');
/** The legal holds in force, read at each use (`LegalHoldsInForce` of #application). */
export const LEGAL_HOLDS = Symbol('LEGAL_HOLDS');
