import { readFileSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { resolve } from 'node:path';
import { readPublicKeyFile } from '#application';
import {
  ED25519_COSIGNATURE,
  ED25519_NOTE,
  EVIDENCE_BUNDLE_FILES,
  parseSignedNote,
  parseVerifierKey,
  isRegulatorManifestText,
  readBundleDirectory,
  readPackageDirectory,
  verifierKeyFromPublicKey,
  verifyBundle,
  verifyRegulatorPackage,
  verifyTimestampReply,
  type BundleVerification,
  type RegulatorPackageVerification,
  type TimestampCheck,
  type VerifierKey,
} from '#verifier';
import { readVerifierKey } from './tamper-evidence/key-arguments.js';

export interface VerifyBundleCommandOptions {
  /** The ledger's verifier key (vkey), or a file holding one. */
  ledgerKey?: string;
  /** Or: the ledger's Ed25519 public key as a PEM file; its vkey takes the key name the bundle gives. */
  publicKey?: string;
  /** Witness cosignature keys (vkeys of type 0x04, or files holding one). */
  witness?: string[];
  /** How many of the witnesses must have cosigned (default: 1 when --witness is given). */
  require?: string;
  /** PEM file of the TSA certificates to trust for checkpoint.tsr. */
  tsaCa?: string;
  json?: boolean;
}

/**
 * `ledger verify-bundle <dir>`: offline, without the store or any configuration. Exit 0:
 * intact; 1: a problem (printed); 2 (from main): the arguments or the directory cannot be read.
 */
export async function verifyBundleCommand(dir: string, options: VerifyBundleCommandOptions): Promise<number> {
  const { files, regulator } = readInput(resolve(dir));
  const witnesses = (options.witness ?? []).map((value) => readVerifierKey(value, ED25519_COSIGNATURE, '--witness'));
  const policy = {
    ...ledgerKeyOption(options, files),
    witnesses,
    requireCosignatures: options.require === undefined ? Math.min(1, witnesses.length) : count(options.require, '--require'),
    ...(options.tsaCa ? { verifyTimestamp: timestampCheck(options.tsaCa) } : {}),
  };
  const result = regulator ? await verifyRegulatorPackage(files, policy) : await verifyBundle(files, policy);
  if (options.json) console.log(JSON.stringify(result));
  else if (result.ok) console.log('scope' in result ? describePackage(result) : describeIntact(result));
  else {
    const { code, message, file, revision } = result.problem;
    const where = [file, revision === undefined ? undefined : `revision ${revision}`].filter(Boolean).join(', ');
    console.error(`NOT INTACT: ${code}: ${message}${where ? ` (${where})` : ''}`);
  }
  return result.ok ? 0 : 1;
}

function ledgerKeyOption(options: VerifyBundleCommandOptions, files: Map<string, Buffer>): { ledgerKey?: VerifierKey } {
  if (options.ledgerKey && options.publicKey) throw new Error('give the ledger key once: --ledger-key or --public-key');
  if (options.ledgerKey) return { ledgerKey: readVerifierKey(options.ledgerKey, ED25519_NOTE, '--ledger-key') };
  if (options.publicKey) return { ledgerKey: verifierKeyFromPublicKey(keyNameInBundle(files), readPublicKeyFile(options.publicKey)) };
  return {};
}

/**
 * A PEM key has no name; a vkey does. The name is the bundle's: its ledger.vkey's, else the
 * manifest's first signer's. It does not weaken the pinning: the key bytes are the PEM's.
 */
function keyNameInBundle(files: Map<string, Buffer>): string {
  try {
    return parseVerifierKey(files.get(EVIDENCE_BUNDLE_FILES.ledgerKey)?.toString('utf8').trim() ?? '').name;
  } catch {
    try {
      return parseSignedNote(files.get(EVIDENCE_BUNDLE_FILES.manifest) ?? '').signatures[0]!.name;
    } catch {
      throw new Error('--public-key: the bundle names no ledger key to go with it; pass --ledger-key <vkey> instead');
    }
  }
}

/** checkpoint.tsr against the TSA certificates given (RFC 3161, with the verifier's timestamp module). */
function timestampCheck(caFile: string): TimestampCheck {
  const trustAnchorsPem = [readFileSync(caFile, 'utf8')];
  return (reply, data) => verifyTimestampReply(reply, data, { trustAnchorsPem });
}

function count(value: string, option: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(value)) throw new Error(`${option} ${value}: not a whole number`);
  return Number(value);
}

function describeIntact(result: Extract<BundleVerification, { ok: true }>): string {
  const key = `${result.ledgerKey.name} (key ${result.ledgerKey.keyId})`;
  return [
    `Intact: ${result.dealId}, ${result.events} events of stream ${result.streamId}, each proven in the ledger's tree of ${result.treeSize} events ` +
      `(root ${result.root}).`,
    result.keyPinned
      ? `Signed by the ledger key you gave: ${key}.`
      : `Signed by ${key}, the key the bundle itself names: anyone can sign a bundle with a key of their own, ` +
        'so compare it with the ledger’s key obtained elsewhere, or pass --ledger-key.',
    ...result.cosigners.map((c) => `Cosigned by witness ${c.name} (key ${c.keyId}) at ${posixTime(c.timestamp)}.`),
    ...(result.timestamp ? [`Timestamped by the TSA at ${result.timestamp.genTime}.`] : []),
    'Not checked:',
    ...result.notChecked.map((line) => `  - ${line}`),
  ].join('\n');
}

/** ISO time of POSIX seconds, or the seconds themselves past what a Date holds (year 275760). */
function posixTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} s after 1970` : date.toISOString();
}

/**
 * A bundle directory, or a regulator package: its zip, or its unzipped directory (told by
 * its MANIFEST's first line). Paths in a package have directories (bundles/<stream>/…).
 */
function readInput(path: string): { files: Map<string, Buffer>; regulator: boolean } {
  if (statSync(path).isFile()) {
    const entries = Object.entries(unzipSync(new Uint8Array(readFileSync(path)))).filter(([name]) => !name.endsWith('/'));
    const files = new Map(entries.map(([name, bytes]) => [name, Buffer.from(bytes)]));
    return { files, regulator: isRegulator(files) };
  }
  const flat = readBundleDirectory(path);
  return isRegulator(flat) ? { files: readPackageDirectory(path), regulator: true } : { files: flat, regulator: false };
}

function isRegulator(files: Map<string, Buffer>): boolean {
  return isRegulatorManifestText(files.get(EVIDENCE_BUNDLE_FILES.manifest)?.toString('utf8') ?? '');
}

function describePackage(result: Extract<RegulatorPackageVerification, { ok: true }>): string {
  const key = `${result.ledgerKey.name} (key ${result.ledgerKey.keyId})`;
  return [
    `Intact: regulator package of ${result.scope.kind} ${scopeWords(result.scope)}, asked by ${result.requestedBy}: ${result.events} events, ` +
      `each proven in the ledger's tree of ${result.treeSize} events (root ${result.root}).`,
    `Stream bundles, each intact: ${result.bundles.map((b) => `${b.streamId} (${b.events} events)`).join(', ')}.`,
    result.keyPinned
      ? `Signed by the ledger key you gave: ${key}.`
      : `Signed by ${key}, the key the package itself names: compare it with the ledger’s key obtained elsewhere, or pass --ledger-key.`,
    ...result.cosigners.map((c) => `Cosigned by witness ${c.name} (key ${c.keyId}) at ${posixTime(c.timestamp)}.`),
    'Not checked:',
    ...result.notChecked.map((line) => `  - ${line}`),
  ].join('\n');
}

function scopeWords(scope: Extract<RegulatorPackageVerification, { ok: true }>['scope']): string {
  return scope.kind === 'deal' ? scope.dealId : scope.kind === 'party' ? scope.partyId : `[${scope.from}, ${scope.to})`;
}
