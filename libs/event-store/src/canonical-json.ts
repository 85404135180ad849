// Written once, in the verifier, so that the ledger and an outside auditor hash the same bytes.
export { canonicalJson } from '#verifier';
