import { dealIdFromStreamName, partyIdFromStreamName } from '#domain';
import type { EventStore } from '#event-store';
import type { FigureHistoryEntry } from '#projections';
import {
  bundleDirectory,
  formatEventLine,
  formatLedgerKeyFile,
  formatRegulatorManifest,
  manifestEntryOf,
  parseSignedNote,
  parseVerifierKey,
  REGULATOR_PACKAGE_FILES as FILES,
  signedNote,
  verifyBundle,
} from '#verifier';
import type { PersonalDataResolver } from '../../records/personal-data/personal-data-resolver.js';
import type { TamperEvidenceSettings } from '../../tamper-evidence/tamper-evidence-settings.js';
import type { TransparencyLog } from '../../tamper-evidence/transparency-log.js';
import type { LedgerVerification } from '../../tamper-evidence/verify-ledger.js';
import { figureHistoryCsv } from '../figure-history-csv.js';
import { figureHistoryOfEvents } from '../figure-history-of-events.js';
import { bundleOfStream, provableCheckpoint, type EvidenceSigningParts, type LedgerCheckOptions } from '../provable-checkpoint.js';
import { selectScope, type ExportScope } from './export-scope.js';
import { regulatorPackageReadme } from './regulator-package-readme.js';
import { renderRegulatorReportPdf } from './regulator-report-pdf.js';
import { regulatorReportOf } from './regulator-report.js';

export interface ExportRegulatorPackageOptions extends LedgerCheckOptions {
  scope: ExportScope;
  /** Who asked (the authenticated actor): written in the manifest and the report. */
  requestedBy: string;
  /**
   * Reads the names the events hold as tokens: the report and the figure histories show them
   * (or their erasure), each bundle discloses them with their salts. Without it, tokens stay.
   */
  names?: PersonalDataResolver;
}

export type ExportedRegulatorPackage =
  | { ok: true; files: Map<string, Buffer>; events: number; streams: number; treeSize: number; signedNewCheckpoint: boolean; report: LedgerVerification }
  | { ok: false; report: LedgerVerification | undefined; reason: string };

/**
 * A regulator package (format: libs/verifier/src/regulator-package-format.ts): one evidence
 * bundle per stream the scope touches, all proved against one checkpoint, plus exactly the
 * selected events, their figure-history rows, a PDF report and a manifest signed by the
 * ledger key. Every file is a function of the events, the checkpoint, the ledger key and
 * the scope and requester: no clock, no random id, no map order. Asked again of an
 * unchanged ledger (no new event, cosignature, timestamp or erasure), the covering checkpoint
 * is the same one (provableCheckpoint), so the package is the same, byte for byte.
 */
export async function exportRegulatorPackage(
  store: EventStore,
  log: TransparencyLog,
  signing: EvidenceSigningParts,
  settings: TamperEvidenceSettings,
  options: ExportRegulatorPackageOptions,
): Promise<ExportedRegulatorPackage> {
  // A signed note holds no control character, and the requester comes from a credential (a JWT's
  // subject can be any string): such characters are written as \uXXXX, never left to fail the signing.
  const requestedBy = options.requestedBy.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) || '(unnamed)';
  const { selected, streams } = await selectScope(store, options.scope);
  // The report and the CSV are read by people: names as every answer shows them. The events
  // (events.jsonl, the bundles) stay as stored, since their hashes are what the proofs cover.
  const readable = <T>(events: T): T => (options.names ? options.names.resolve(events) : events);
  const lastPosition = selected.at(-1)!.position;
  const proved = await provableCheckpoint(store, log, signing, settings, lastPosition, options);
  if (!proved.ok) return proved;
  const { checkpoint } = proved;
  const selectedIds = new Set(selected.map((event) => event.eventId));

  const files = new Map<string, Buffer>();
  const histories = new Map<string, FigureHistoryEntry[]>();
  let eventsProven = 0;
  for (const [streamId, events] of streams) {
    const dealId = dealIdFromStreamName(streamId);
    const history = dealId === undefined ? [] : figureHistoryOfEvents(dealId, readable(events));
    const bundle = bundleOfStream(log, signing.signer, checkpoint, {
      subjectId: dealId ?? partyIdFromStreamName(streamId) ?? streamId,
      streamId,
      events,
      figureHistory: history,
      names: options.names,
    });
    // The report says the proofs were checked: they are, here, by the offline verifier itself.
    const verified = await verifyBundle(bundle, { ledgerKey: parseVerifierKey(signing.signer.vkey) });
    if (!verified.ok) return { ok: false, report: proved.report, reason: `The bundle of ${streamId} does not verify: ${verified.problem.message}` };
    eventsProven += verified.events;
    for (const [name, bytes] of bundle) files.set(`${bundleDirectory(streamId)}${name}`, bytes);
    if (dealId !== undefined) histories.set(dealId, history.filter((entry) => selectedIds.has(entry.eventId)));
  }

  const rows = [...histories.values()].flat().sort((a, b) => a.position - b.position);
  const report = regulatorReportOf({
    scope: options.scope,
    requestedBy,
    selected: readable(selected),
    streams: new Map([...streams].map(([streamId, events]) => [streamId, readable(events)])),
    figureHistories: histories,
    verification: {
      ledgerVerified: true,
      treeSize: checkpoint.treeSize,
      root: parseCheckpointRoot(checkpoint.published),
      checkpointSignedAt: checkpoint.signedAt,
      ledgerKey: signing.signer.vkey,
      cosignatures: parseSignedNote(checkpoint.published).signatures.length - 1,
      timestamped: log.book.timestamp(checkpoint.treeSize) !== undefined,
      streams: streams.size,
      eventsProven,
    },
  });
  files.set(FILES.events, Buffer.from(selected.map((event) => formatEventLine({ ...event, position: String(event.position) })).join('')));
  files.set(FILES.figureHistories, Buffer.from(figureHistoryCsv(rows)));
  files.set(FILES.checkpoint, Buffer.from(checkpoint.published));
  files.set(FILES.ledgerKey, Buffer.from(formatLedgerKeyFile(signing.signer.vkey)));
  files.set(FILES.readme, Buffer.from(regulatorPackageReadme(signing.signer.vkey)));
  files.set(FILES.report, await renderRegulatorReportPdf(report));
  const text = formatRegulatorManifest({
    scope: options.scope,
    requestedBy,
    treeSize: checkpoint.treeSize,
    files: [...files].map(([name, content]) => manifestEntryOf(name, content)),
  });
  files.set(FILES.manifest, Buffer.from(signedNote(text, { name: signing.signer.origin, privateKey: signing.signer.privateKey })));
  return {
    ok: true,
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    events: selected.length,
    streams: streams.size,
    treeSize: checkpoint.treeSize,
    signedNewCheckpoint: proved.signedNewCheckpoint,
    report: proved.report,
  };
}

/** The root line of the checkpoint (its third line), as the checkpoint writes it: standard base64. */
function parseCheckpointRoot(published: string): string {
  return published.split('\n')[2]!;
}
