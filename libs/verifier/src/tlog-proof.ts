import { decodeBase64, encodeBase64, isCount, parseDecimal } from './encoding.js';
import { HASH_SIZE } from './merkle.js';
import { FormatError } from './verdict.js';

/**
 * C2SP tlog-proof v1 (https://c2sp.org/tlog-proof): an offline proof that an entry is in
 * a log, as text:
 *
 *     c2sp.org/tlog-proof@v1
 *     extra <base64>            (optional, unauthenticated)
 *     index <leaf index>
 *     <base64 hash>             (the audit path, leaf's sibling first; zero or more lines)
 *
 *     <the signed checkpoint, verbatim>
 *
 * This file reads and writes the format; checking it is the caller's: open the checkpoint
 * with the log's key, then verifyInclusion of the entry's leaf hash at `index`.
 */
export interface TlogProof {
  /** Opaque data the spec lets a log add; not authenticated, so never trusted. */
  readonly extra?: Buffer;
  readonly index: number;
  readonly auditPath: readonly Buffer[];
  /** The signed checkpoint note, byte for byte as it followed the blank line. */
  readonly checkpoint: string;
}

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/**
 * No tree of fewer than 2^63 leaves has a longer audit path (c2sp.org/tlog-witness sets
 * the same bound on proof lines); anything longer is refused before reading on.
 */
const MAX_AUDIT_PATH = 63;

export function formatTlogProof(proof: TlogProof): string {
  const bad = (reason: string): never => {
    throw new FormatError('tlog-proof', reason);
  };
  if (!isCount(proof.index)) bad(`index ${proof.index} is not an integer from 0 to 2^53 - 1`);
  if (proof.extra !== undefined && proof.extra.length === 0) bad('empty extra data is written by leaving the extra line out');
  if (proof.auditPath.length > MAX_AUDIT_PATH) bad(`more than ${MAX_AUDIT_PATH} hashes`);
  if (proof.auditPath.some((hash) => hash.length !== HASH_SIZE)) bad(`every hash has ${HASH_SIZE} bytes`);
  if (!proof.checkpoint.endsWith('\n')) bad('the checkpoint is a signed note, which ends with a newline');
  const lines = [
    TLOG_PROOF_HEADER,
    ...(proof.extra === undefined ? [] : [`extra ${encodeBase64(proof.extra)}`]),
    `index ${proof.index}`,
    ...proof.auditPath.map(encodeBase64),
    '',
  ];
  return `${lines.join('\n')}\n${proof.checkpoint}`;
}

/** Reads a tlog-proof; the checkpoint part is returned as is, for openCheckpoint. */
export function parseTlogProof(text: string): TlogProof {
  const bad = (reason: string): never => {
    throw new FormatError('tlog-proof', reason);
  };
  let rest = text;
  const nextLine = (): string => {
    const end = rest.indexOf('\n');
    if (end < 0) return bad('ends before the blank line that precedes the checkpoint');
    const line = rest.slice(0, end);
    rest = rest.slice(end + 1);
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) bad(`the first line is not ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Buffer | undefined;
  if (line.startsWith('extra ')) {
    extra = decodeBase64(line.slice('extra '.length)) ?? bad('the extra data is not canonical standard base64');
    if (extra.length === 0) bad('the extra line is empty (without extra data it is left out)');
    line = nextLine();
  }
  if (!line.startsWith('index ')) bad('no index line');
  const index = parseDecimal(line.slice('index '.length)) ?? bad(`"${line}" does not give an index (decimal, no leading zeros, below 2^53)`);
  const auditPath: Buffer[] = [];
  for (line = nextLine(); line !== ''; line = nextLine()) {
    if (auditPath.length === MAX_AUDIT_PATH) bad(`more than ${MAX_AUDIT_PATH} hashes`);
    const hash = decodeBase64(line) ?? bad(`proof line ${auditPath.length + 1} is not canonical standard base64`);
    if (hash.length !== HASH_SIZE) bad(`proof line ${auditPath.length + 1} has ${hash.length} bytes, not ${HASH_SIZE}`);
    auditPath.push(hash);
  }
  if (rest.length === 0) bad('no checkpoint after the blank line');
  return { ...(extra === undefined ? {} : { extra }), index, auditPath, checkpoint: rest };
}
