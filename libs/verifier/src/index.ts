// Deal Ledger's standalone verifier: everything an outside auditor needs to check the
// ledger's proofs, depending on nothing but node:crypto (and an ASN.1 library for RFC 3161
// timestamps). The ledger, its witness and its tests use it too. See README.md.
export * from './timestamp/index.js';

export { FormatError, type Verdict } from './verdict.js';
export {
  emptyTreeRoot,
  HASH_SIZE,
  leafHash,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyClaim,
  type InclusionClaim,
} from './merkle.js';
export { CompactRange } from './compact-range.js';
export * from './verifier-key.js';
export {
  checkNoteText,
  formatSignatureLine,
  formatSignedNote,
  MAX_NOTE_SIGNATURES,
  openNote,
  parseSignatureLine,
  parseSignedNote,
  signedNote,
  signNote,
  verifyNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerification,
  type SignedNote,
} from './signed-note.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, type Checkpoint, type OpenedCheckpoint } from './checkpoint.js';
export {
  cosign,
  cosignatureMessage,
  MAX_COSIGNATURE_TIMESTAMP,
  verifyCosignatures,
  type CosignaturePolicy,
  type CosignatureVerification,
  type Cosigner,
  type InvalidCosignature,
} from './cosignature.js';
export { formatTlogProof, parseTlogProof, TLOG_PROOF_HEADER, type TlogProof } from './tlog-proof.js';
export { canonicalJson } from './canonical-json.js';
export { EVENT_HASH_ALGORITHM, eventHash, GENESIS_HASH, type HashedEventFields, type JsonObject } from './event-hash.js';
export * from './bundle-format.js';
export {
  verifyBundle,
  type BundlePolicy,
  type BundleProblem,
  type BundleProblemCode,
  type BundleSummary,
  type BundleVerification,
  type TimestampCheck,
} from './bundle.js';
export { notAPlainFile, readBundleDirectory, readPackageDirectory } from './bundle-directory.js';
export { decodeBase64, encodeBase64 } from './encoding.js';
export {
  commitmentOfToken,
  PERSONAL_DATA_TOKEN_PREFIX,
  personalDataCommitment,
  personalDataToken,
} from './personal-data-commitment.js';
export { checkPersonalData, commitmentsIn, formatPersonalDataFile, type PersonalDataCheck, type PersonalDataDisclosure } from './bundle-personal-data.js';
export * from './regulator-package-format.js';
export { verifyRegulatorPackage, type RegulatorPackageSummary, type RegulatorPackageVerification } from './regulator-package.js';
