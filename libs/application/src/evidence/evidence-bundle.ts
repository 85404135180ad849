import type { FigureHistoryEntry } from '#projections';
import type { RecordedEvent } from '#event-store';
import {
  EVIDENCE_BUNDLE_FILES as FILES,
  formatEventLine,
  formatLedgerKeyFile,
  formatManifest,
  formatPersonalDataFile,
  signedNote,
  formatTlogProof,
  manifestEntryOf,
  proofFileName,
  type PersonalDataDisclosure,
} from '#verifier';
import type { LedgerSigner } from '../tamper-evidence/ledger-signer.js';
import { figureHistoryCsv } from './figure-history-csv.js';

export interface EvidenceBundleInput {
  dealId: string;
  streamId: string;
  /** The deal's whole stream, in revision order. */
  events: readonly RecordedEvent[];
  figureHistory: readonly FigureHistoryEntry[];
  /** The published checkpoint (the ledger's note with its cosignatures), covering every event. */
  checkpoint: { treeSize: number; published: string };
  /** Each event's leaf index and audit path in that checkpoint's tree, in the events' order. */
  proofs: readonly { leafIndex: number; auditPath: readonly Buffer[] }[];
  /** The checkpoint's RFC 3161 reply, if it has one. */
  timestampReply?: Buffer;
  /** What the bundle says of each name the events hold as a token (none: no personal-data file). */
  personalData?: readonly PersonalDataDisclosure[];
  signer: LedgerSigner;
}

/**
 * The files of an evidence bundle (format: libs/verifier/src/bundle-format.ts), by name: a
 * pure function of its input. Each event comes with a C2SP tlog-proof of its place in the
 * whole log, so the bundle proves the deal's history is part of the one log the ledger
 * signed (and witnesses cosigned), without showing any other deal.
 */
export function buildEvidenceBundle(input: EvidenceBundleInput): Map<string, Buffer> {
  const { events, proofs, checkpoint } = input;
  if (events.length === 0) throw new Error('A bundle needs at least one event');
  if (proofs.length !== events.length) throw new Error('A bundle needs one inclusion proof per event');
  const files = new Map<string, Buffer>([
    [FILES.events, Buffer.from(events.map((event) => formatEventLine({ ...event, position: String(event.position) })).join(''))],
    [FILES.figureHistories, Buffer.from(figureHistoryCsv(input.figureHistory))],
    [FILES.checkpoint, Buffer.from(checkpoint.published)],
    [FILES.ledgerKey, Buffer.from(formatLedgerKeyFile(input.signer.vkey))],
    [FILES.instructions, Buffer.from(howToVerify(input.signer.vkey))],
  ]);
  if (input.timestampReply) files.set(FILES.timestamp, input.timestampReply);
  if (input.personalData?.length) files.set(FILES.personalData, Buffer.from(formatPersonalDataFile(input.personalData)));
  events.forEach((event, i) => {
    const { leafIndex, auditPath } = proofs[i]!;
    files.set(proofFileName(event.revision), Buffer.from(formatTlogProof({ index: leafIndex, auditPath, checkpoint: checkpoint.published })));
  });
  const text = formatManifest({
    dealId: input.dealId,
    streamId: input.streamId,
    treeSize: checkpoint.treeSize,
    files: [...files].map(([name, content]) => manifestEntryOf(name, content)),
  });
  const manifest = signedNote(text, { name: input.signer.origin, privateKey: input.signer.privateKey });
  files.set(FILES.manifest, Buffer.from(manifest));
  return files;
}

function howToVerify(vkey: string): string {
  return `This is an evidence bundle of Deal Ledger: one deal's events, the history of its figures, and
proof that every event is part of the ledger's one log, under a checkpoint the ledger signed.

Check it without the ledger (the verifier is libs/verifier, which depends on nothing of the ledger):

    ledger verify-bundle <this directory> --ledger-key '<the ledger's key, obtained apart from this bundle>'
        [--witness '<a witness's key>' … --require <k>] [--tsa-ca <the TSA's CA certificate>]

The ledger's key as this bundle states it (compare it with the one you were given):

    ${vkey}

Or by hand, with the specifications:
1. MANIFEST is a C2SP signed note (https://c2sp.org/signed-note) by the ledger key: it lists
   every other file with its SHA-256 and size. No file may be missing or added.
2. Each line of events.jsonl is one event of the deal's stream, revision 0 first. Its "hash" is
   SHA-256 (hex) over the canonical JSON (RFC 8785) of {previousHash, streamId, revision,
   eventId, type, data, metadata, recordedAt}, previousHash being the hash of the event before
   it (64 zeros for revision 0).
3. checkpoint is a C2SP checkpoint (https://c2sp.org/tlog-checkpoint) of the ledger's whole log,
   signed by the ledger key and possibly cosigned by witnesses (https://c2sp.org/tlog-cosignature).
   Its tree is RFC 9162's Merkle tree whose leaves are every event's hash in log order.
4. proof-<revision>.tlog-proof is a C2SP tlog-proof (https://c2sp.org/tlog-proof) of that event:
   the RFC 9162 inclusion proof of the leaf SHA-256(0x00 || event hash bytes) at its index.
5. checkpoint.tsr, when present, is an RFC 3161 timestamp over the checkpoint as the ledger
   signed it (its text, the blank line and the ledger's signature line).

What it proves: these events are in the ledger's log as it stood at the checkpoint, unchanged
since, and (with cosignatures) that the witnesses saw that same log. It does not prove that the
deal had no event after the last one here, nor that any reported figure is true.
`;
}
