import { readFileSync } from 'node:fs';
import { verifyLog, type ChainProblem, type EventStore, type VerificationProgress, type VerificationReport } from '#event-store';
import { FormatError, formatVerifierKey, parseVerifierKey, verifyTimestampReply, type VerifierKey } from '#verifier';
import { ApplicationError } from '../application.errors.js';
import { ledgerVerifierKey } from './ledger-signer.js';
import { localPublicKey } from './signing-key.js';
import type { TamperEvidenceSettings } from './tamper-evidence-settings.js';
import type { TransparencyLog } from './transparency-log.js';

export interface VerifyLedgerOptions {
  /** Signed checkpoints kept elsewhere (files), checked besides the ledger's own. */
  checkpointFiles?: readonly string[];
  /**
   * The ledger keys (C2SP vkeys) obtained apart from the ledger, trusted instead of the key
   * in the data directory: the only defence against someone who replaced that key too.
   */
  ledgerKeys?: readonly string[];
  /** Accept history only under checkpoints cosigned by `require` of these witnesses (vkeys). */
  witnesses?: { keys: readonly string[]; require: number };
  /** PEM certificates checkpoint timestamps must chain to; without them timestamps are not checked. */
  tsaTrustAnchorsPem?: readonly string[];
  /** 'thorough' adds the store file's integrity check (slow: for the CLI). */
  storage?: 'quick' | 'thorough';
  onProgress?: (progress: VerificationProgress) => void;
  yieldEvery?: number;
}

export interface LedgerVerification extends VerificationReport {
  /** The ledger keys checkpoints were checked against, and where they came from. */
  ledgerKeys: { vkey: string; source: string }[];
  checkpointsFound: number;
  /** Checkpoints whose RFC 3161 timestamp was verified against the trust anchors. */
  timestamps: { treeSize: number; genTime: string }[];
  /** Events the latest verified checkpoint does not cover yet: protected by their chains only. */
  notYetCheckpointed: number;
  /** With witnesses required: events after the last checkpoint enough of them cosigned, not witnessed yet. */
  notYetWitnessed?: number;
  /** The log tree this ledger keeps, as its follower sees it. */
  tree: { size: number; state: string };
}

/**
 * `ledger verify` and GET /audit/verify: every chain, every event against the log tree,
 * every checkpoint (the ledger's own and the files given) against the tree the log makes,
 * cosignatures against the witnesses named, and timestamps against the TSA's anchors.
 */
export async function verifyLedger(
  store: EventStore,
  log: TransparencyLog,
  settings: TamperEvidenceSettings,
  options: VerifyLedgerOptions = {},
): Promise<LedgerVerification> {
  const ledgerKeys = trustedLedgerKeys(settings, options.ledgerKeys);
  const checkpoints = [
    ...log.book.allPublished().map((c) => ({ note: c.note, source: `checkpoint ${c.treeSize}` })),
    ...(options.checkpointFiles ?? []).map((file) => ({ note: readFileSync(file, 'utf8'), source: file })),
  ];
  const witnesses = options.witnesses && {
    keys: options.witnesses.keys.map((vkey, i) => parseKey(vkey, `witness ${i + 1}`)),
    require: options.witnesses.require,
  };
  const report = await verifyLog(store, {
    checkpoints,
    ledgerKeys: ledgerKeys.map((k) => k.key),
    ...(witnesses ? { witnesses } : {}),
    tree: log.tree,
    globalTimeOrder: settings.globalTimeOrder ?? true,
    densePositions: settings.densePositions ?? false,
    storage: options.storage ?? 'quick',
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.yieldEvery ? { yieldEvery: options.yieldEvery } : {}),
  });
  const timestamps: LedgerVerification['timestamps'] = [];
  let problem = report.problem;
  if (!problem && options.tsaTrustAnchorsPem) {
    problem = await checkTimestamps(log, report, options.tsaTrustAnchorsPem, timestamps);
  }
  const covered = report.checkpoints.at(-1)?.treeSize ?? 0;
  return {
    ...report,
    ok: problem === undefined,
    ...(problem ? { problem } : {}),
    ledgerKeys: ledgerKeys.map(({ key, source }) => ({ vkey: formatVerifierKey(key), source })),
    checkpointsFound: checkpoints.length,
    timestamps,
    notYetCheckpointed: Math.max(0, report.events - covered),
    ...(report.witnessedUpTo !== undefined ? { notYetWitnessed: Math.max(0, report.events - report.witnessedUpTo) } : {}),
    tree: { size: log.tree.size(), state: log.follower.status().state },
  };
}

/** The keys given, else the one in the data directory (which whoever can write there can replace). */
function trustedLedgerKeys(settings: TamperEvidenceSettings, given: readonly string[] | undefined): { key: VerifierKey; source: string }[] {
  if (given && given.length > 0) return given.map((vkey, i) => ({ key: parseKey(vkey, `ledger key ${i + 1}`), source: 'given' }));
  const local = localPublicKey(settings.signingKeyFile);
  return local ? [{ key: ledgerVerifierKey(local.key, settings.origin), source: local.source }] : [];
}

function parseKey(vkey: string, what: string): VerifierKey {
  try {
    return parseVerifierKey(vkey.trim());
  } catch (error) {
    if (error instanceof FormatError) throw new ApplicationError('KEY.INVALID', `The ${what} is not a C2SP verifier key: ${error.message}`, 'invalid', { field: what });
    throw error;
  }
}

async function checkTimestamps(
  log: TransparencyLog,
  report: VerificationReport,
  trustAnchorsPem: readonly string[],
  verified: LedgerVerification['timestamps'],
): Promise<ChainProblem | undefined> {
  for (const { treeSize } of report.checkpoints) {
    const stamp = log.book.timestamp(treeSize);
    const checkpoint = log.book.at(treeSize);
    if (!stamp || !checkpoint) continue;
    const result = await verifyTimestampReply(stamp.reply, Buffer.from(checkpoint.note, 'utf8'), { trustAnchorsPem });
    if (!result.ok) {
      return {
        code: 'TIMESTAMP.INVALID',
        message: `The timestamp of the checkpoint of tree size ${treeSize} does not verify (${result.code}): ${result.reason}`,
        checkpoint: { treeSize, source: `checkpoint ${treeSize}` },
      };
    }
    verified.push({ treeSize, genTime: result.genTime });
  }
  return undefined;
}
