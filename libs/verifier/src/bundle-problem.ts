import { FormatError } from './verdict.js';

/** How a bundle check fails: a stable code, the file, and the revision when an event is concerned. */
export type BundleProblemCode =
  | 'BUNDLE.MISSING_FILE'
  | 'BUNDLE.UNLISTED_FILE'
  | 'BUNDLE.FILE_ALTERED'
  | 'BUNDLE.KEY_INVALID'
  | 'BUNDLE.UNTRUSTED_KEY'
  | 'BUNDLE.MANIFEST_MALFORMED'
  | 'BUNDLE.MANIFEST_SIGNATURE_INVALID'
  | 'BUNDLE.CHECKPOINT_INVALID'
  | 'BUNDLE.EVENTS_MALFORMED'
  | 'BUNDLE.CHAIN_BROKEN'
  | 'BUNDLE.PROOF_MALFORMED'
  | 'BUNDLE.NOT_COVERED'
  | 'BUNDLE.INCONSISTENT'
  | 'BUNDLE.COSIGNATURE_INVALID'
  | 'BUNDLE.COSIGNATURES_MISSING'
  | 'BUNDLE.TIMESTAMP_INVALID'
  | 'BUNDLE.PERSONAL_DATA_INVALID';

export interface BundleProblem {
  code: BundleProblemCode;
  message: string;
  /** The file the problem is in. */
  file?: string;
  /** The revision of the event concerned, when there is one. */
  revision?: number;
}

/** Thrown by the steps of verifyBundle to stop at the first problem; verifyBundle returns its problem. */
export class BundleFailure extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}

export function fail(code: BundleProblemCode, message: string, where: { file?: string; revision?: number } = {}): never {
  throw new BundleFailure({ code, message, ...where });
}

/** Runs a parser, turning its FormatError into the bundle problem `code` in `file`. */
export function formatted<T>(parse: () => T, code: BundleProblemCode, file: string, revision?: number): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FormatError) fail(code, `${file}: ${error.message}`, revision === undefined ? { file } : { file, revision });
    throw error;
  }
}
