import { canonicalJson } from './canonical-json.js';
import { parseDecimal, sha256 } from './encoding.js';
import type { JsonObject } from './event-hash.js';
import { FormatError } from './verdict.js';

/**
 * The evidence bundle, version 2: a flat directory that proves a deal's events are the
 * ledger's, checkable offline with this package alone.
 *
 *     MANIFEST                  a signed note by the ledger key listing every other file
 *     events.jsonl              the deal's events, revision 0 first, one canonical JSON object a line
 *     figure-histories.csv      a table derived from the events (only its bytes are checked)
 *     checkpoint                the ledger's signed checkpoint (C2SP), with any witness cosignatures
 *     checkpoint.tsr            optional: an RFC 3161 TimeStampResp over the checkpoint as the ledger signed it
 *     proof-<revision>.tlog-proof   one C2SP tlog-proof per event, ending with the checkpoint verbatim
 *     ledger.vkey               the ledger's verifier key, one line
 *     VERIFY.txt                how to check the bundle by hand
 *
 * The MANIFEST's note text:
 *
 *     deal-ledger/evidence-bundle/v2
 *     deal <deal id>
 *     stream <stream id>
 *     tree <tree size of the checkpoint>
 *     <sha256 hex> <size in bytes> <file name>     one line per other file, sorted by name
 */
export const EVIDENCE_BUNDLE_FORMAT = 'deal-ledger/evidence-bundle/v2';

export const EVIDENCE_BUNDLE_FILES = {
  manifest: 'MANIFEST',
  events: 'events.jsonl',
  figureHistories: 'figure-histories.csv',
  checkpoint: 'checkpoint',
  timestamp: 'checkpoint.tsr',
  ledgerKey: 'ledger.vkey',
  instructions: 'VERIFY.txt',
  /** The names the events hold as tokens, with their salts, or marked erased (bundle-personal-data.ts). */
  personalData: 'personal-data.jsonl',
} as const;

/** The tlog-proof of the event at a revision of the deal's stream. */
export function proofFileName(revision: number): string {
  return `proof-${revision}.tlog-proof`;
}

/** Names proofFileName gives, and only those (no leading zeros): the revision, or undefined. */
export function revisionOfProofFile(name: string): number | undefined {
  const match = /^proof-([0-9]+)\.tlog-proof$/.exec(name);
  return match ? parseDecimal(match[1]!) : undefined;
}

/**
 * File names are plain and portable: a letter or digit first, then letters, digits, dot,
 * dash, underscore. So a name never holds a path, a space (the manifest's separator) or
 * a leading dot that hides it.
 */
export function isBundleFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name);
}

export interface ManifestEntry {
  readonly name: string;
  readonly bytes: number;
  /** Lowercase hex. */
  readonly sha256: string;
}

export interface BundleManifest {
  readonly dealId: string;
  readonly streamId: string;
  /** The size of the tree of the bundle's checkpoint. */
  readonly treeSize: number;
  /** Every file but MANIFEST, sorted by name. */
  readonly files: readonly ManifestEntry[];
}

export function manifestEntryOf(name: string, content: Uint8Array): ManifestEntry {
  return { name, bytes: content.length, sha256: sha256(content).toString('hex') };
}

/** The MANIFEST's note text (sign it with signNote; the entries are sorted here). */
export function formatManifest(manifest: BundleManifest): string {
  const files = [...manifest.files].sort((a, b) => compareNames(a.name, b.name));
  const text = [
    EVIDENCE_BUNDLE_FORMAT,
    `deal ${manifest.dealId}`,
    `stream ${manifest.streamId}`,
    `tree ${manifest.treeSize}`,
    ...files.map((f) => `${f.sha256} ${f.bytes} ${f.name}`),
  ]
    .map((line) => `${line}\n`)
    .join('');
  parseManifest(text); // Refuses to write what the verifier would refuse to read.
  return text;
}

/** Reads the MANIFEST's note text, in the one form formatManifest writes. */
export function parseManifest(text: string): BundleManifest {
  const bad = (reason: string): never => {
    throw new FormatError('manifest', reason);
  };
  if (!text.endsWith('\n')) bad('the text does not end with a newline');
  const [format, deal, stream, tree, ...entries] = text.slice(0, -1).split('\n');
  if (format !== EVIDENCE_BUNDLE_FORMAT) bad(`the first line is not ${EVIDENCE_BUNDLE_FORMAT}`);
  const field = (line: string | undefined, key: string): string => {
    if (line === undefined || !line.startsWith(`${key} `) || line.length === key.length + 1) bad(`no "${key} <value>" line`);
    return line!.slice(key.length + 1);
  };
  const dealId = field(deal, 'deal');
  const streamId = field(stream, 'stream');
  const size = field(tree, 'tree');
  const treeSize = parseDecimal(size) ?? bad(`"${size}" is not a tree size`);
  const files = entries.map((line, i): ManifestEntry => {
    const match = /^([0-9a-f]{64}) ([0-9]+) (.+)$/.exec(line) ?? bad(`file line ${i + 1} is not "<sha256 hex> <bytes> <name>"`);
    const [, hash, bytes, name] = match;
    if (!isBundleFileName(name!) || name === EVIDENCE_BUNDLE_FILES.manifest) bad(`file line ${i + 1}: "${name}" is not a bundle file name`);
    return { name: name!, bytes: parseDecimal(bytes!) ?? bad(`file line ${i + 1}: "${bytes}" is not a size`), sha256: hash! };
  });
  files.forEach((file, i) => {
    if (i > 0 && compareNames(files[i - 1]!.name, file.name) >= 0) bad(`the files are not listed once each, sorted by name (at ${file.name})`);
  });
  return { dealId, streamId, treeSize, files };
}

/** Sorted by UTF-16 code unit, which is byte order for the ASCII names allowed. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line of events.jsonl: an event as the ledger stores it, with its position as a cursor. */
export interface BundleEvent {
  eventId: string;
  streamId: string;
  revision: number;
  /** The store's opaque cursor: not covered by the hash (the proof's leaf index is the event's place in the log). */
  position: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: string;
  /** The event's chain hash, 64 lowercase hex digits (see eventHash). */
  hash: string;
  /**
   * Present once a recorded disposal emptied the event past retention: `data` and `metadata`
   * are then `{}`, the hash is the one it was recorded with, proven by its inclusion proof
   * and by the next event's link, and not recomputed.
   */
  disposal?: BundleDisposal;
}

/** Which disposal emptied an event, and when (the disposal is an event of the ledger's `admin-disposals` stream). */
export interface BundleDisposal {
  disposalEventId: string;
  disposedAt: string;
}

/** The line of an event in events.jsonl: its canonical JSON, so that it has one spelling only. */
export function formatEventLine(event: BundleEvent): string {
  const { eventId, streamId, revision, position, type, data, metadata, recordedAt, hash, disposal } = event;
  const line = { eventId, streamId, revision, position, type, data, metadata, recordedAt, hash };
  return `${canonicalJson(disposal ? { ...line, disposal: { disposalEventId: disposal.disposalEventId, disposedAt: disposal.disposedAt } } : line)}\n`;
}

/** ledger.vkey: the vkey and a newline. */
export function formatLedgerKeyFile(vkey: string): string {
  return `${vkey}\n`;
}
