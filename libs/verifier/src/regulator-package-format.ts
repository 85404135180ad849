import { EVIDENCE_BUNDLE_FILES, isBundleFileName, manifestEntryOf, type ManifestEntry } from './bundle-format.js';
import { parseDecimal } from './encoding.js';
import { FormatError } from './verdict.js';

/**
 * The regulator package, version 1: a superset of evidence bundles (bundle-format.ts) for a
 * deal, a party or a recording period, with a human-readable report. Files by path:
 *
 *     MANIFEST                      a signed note by the ledger key listing every other file
 *     README.txt                    what the package holds and how to check it
 *     report.pdf                    the human-readable report (its bytes only are checked)
 *     events.jsonl                  exactly the events the scope selects, in log order (bundle lines)
 *     figure-histories.csv          the figure-history rows of those events
 *     checkpoint                    the one checkpoint every bundle below proves against
 *     ledger.vkey                   the ledger's verifier key
 *     bundles/<stream id>/…         one evidence bundle per stream the scope touches: the stream
 *                                   from revision 0 to its last selected event (the chain needs
 *                                   the events before a selected one)
 *
 * The MANIFEST's note text:
 *
 *     deal-ledger/regulator-export/v1
 *     scope deal <deal id> | scope party <party id> | scope recorded <from> <to>
 *     requested-by <actor>
 *     tree <tree size of the checkpoint>
 *     <sha256 hex> <size in bytes> <path>      one line per other file, sorted by path
 */
export const REGULATOR_PACKAGE_FORMAT = 'deal-ledger/regulator-export/v1';

export const REGULATOR_PACKAGE_FILES = {
  manifest: 'MANIFEST',
  readme: 'README.txt',
  report: 'report.pdf',
  events: EVIDENCE_BUNDLE_FILES.events,
  figureHistories: EVIDENCE_BUNDLE_FILES.figureHistories,
  checkpoint: EVIDENCE_BUNDLE_FILES.checkpoint,
  ledgerKey: EVIDENCE_BUNDLE_FILES.ledgerKey,
} as const;

/** What was asked for: a deal, a party (its stream and every deal naming it), or what was recorded in [from, to). */
export type ExportScope = { kind: 'deal'; dealId: string } | { kind: 'party'; partyId: string } | { kind: 'recorded'; from: string; to: string };

/** Entries as a bundle's manifest has them; here `name` is a path inside the package. */
export interface RegulatorManifest {
  scope: ExportScope;
  requestedBy: string;
  treeSize: number;
  /** Every file but MANIFEST, sorted by path. */
  files: readonly ManifestEntry[];
}

/** Where the bundle of a stream lies in the package, and the path of one of its files. */
export function bundleDirectory(streamId: string): string {
  return `bundles/${streamId}/`;
}

/** A path of bundle file names joined by `/`: no empty, dot-led or absolute part. */
export function isPackagePath(path: string): boolean {
  return path.split('/').every(isBundleFileName);
}

export { manifestEntryOf };

export function formatScope(scope: ExportScope): string {
  switch (scope.kind) {
    case 'deal':
      return `deal ${scope.dealId}`;
    case 'party':
      return `party ${scope.partyId}`;
    case 'recorded':
      return `recorded ${scope.from} ${scope.to}`;
  }
}

function parseScope(text: string): ExportScope | undefined {
  const [kind, ...rest] = text.split(' ');
  const plain = (value: string | undefined) => value !== undefined && /^[^\s]+$/.test(value);
  if (kind === 'deal' && rest.length === 1 && plain(rest[0])) return { kind, dealId: rest[0]! };
  if (kind === 'party' && rest.length === 1 && plain(rest[0])) return { kind, partyId: rest[0]! };
  if (kind === 'recorded' && rest.length === 2 && plain(rest[0]) && plain(rest[1])) return { kind, from: rest[0]!, to: rest[1]! };
  return undefined;
}

/** The MANIFEST's note text; entries sorted here. Refuses what parseRegulatorManifest would refuse. */
export function formatRegulatorManifest(manifest: RegulatorManifest): string {
  if (/[\n\r]/.test(manifest.requestedBy) || manifest.requestedBy === '') throw new FormatError('manifest', 'requested-by must be one non-empty line');
  const files = [...manifest.files].sort((a, b) => comparePaths(a.name, b.name));
  const text = [
    REGULATOR_PACKAGE_FORMAT,
    `scope ${formatScope(manifest.scope)}`,
    `requested-by ${manifest.requestedBy}`,
    `tree ${manifest.treeSize}`,
    ...files.map((f) => `${f.sha256} ${f.bytes} ${f.name}`),
  ]
    .map((line) => `${line}\n`)
    .join('');
  parseRegulatorManifest(text);
  return text;
}

/** Whether a MANIFEST's note text is a regulator package's (else it may be a bundle's). */
export function isRegulatorManifestText(text: string): boolean {
  return text.startsWith(`${REGULATOR_PACKAGE_FORMAT}\n`);
}

export function parseRegulatorManifest(text: string): RegulatorManifest {
  const bad = (reason: string): never => {
    throw new FormatError('manifest', reason);
  };
  if (!text.endsWith('\n')) bad('the text does not end with a newline');
  const [format, scopeLine, byLine, treeLine, ...entries] = text.slice(0, -1).split('\n');
  if (format !== REGULATOR_PACKAGE_FORMAT) bad(`the first line is not ${REGULATOR_PACKAGE_FORMAT}`);
  const field = (line: string | undefined, key: string): string => {
    if (line === undefined || !line.startsWith(`${key} `) || line.length === key.length + 1) bad(`no "${key} <value>" line`);
    return line!.slice(key.length + 1);
  };
  const scopeText = field(scopeLine, 'scope');
  const scope = parseScope(scopeText) ?? bad(`"${scopeText}" is not a scope (deal <id>, party <id> or recorded <from> <to>)`);
  const requestedBy = field(byLine, 'requested-by');
  const size = field(treeLine, 'tree');
  const treeSize = parseDecimal(size) ?? bad(`"${size}" is not a tree size`);
  const files = entries.map((line, i): ManifestEntry => {
    const match = /^([0-9a-f]{64}) ([0-9]+) (.+)$/.exec(line) ?? bad(`file line ${i + 1} is not "<sha256 hex> <bytes> <path>"`);
    const [, hash, bytes, name] = match;
    if (!isPackagePath(name!) || name === REGULATOR_PACKAGE_FILES.manifest) bad(`file line ${i + 1}: "${name}" is not a package path`);
    return { name: name!, bytes: parseDecimal(bytes!) ?? bad(`file line ${i + 1}: "${bytes}" is not a size`), sha256: hash! };
  });
  files.forEach((file, i) => {
    if (i > 0 && comparePaths(files[i - 1]!.name, file.name) >= 0) bad(`the files are not listed once each, sorted by path (at ${file.name})`);
  });
  return { scope, requestedBy, treeSize, files };
}

/** Byte order of the ASCII paths allowed; the zip's entries follow it too. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
