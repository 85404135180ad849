import {
  dealIdFromStreamName,
  figureLabel,
  foldDeal,
  fromStoredEvent,
  fromStoredPartyEvent,
  partyIdFromStreamName,
  partyRecordOf,
  type DealEvent,
  type FigureChangeKind,
  type RecordedPartyEvent,
  type Source,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { FigureHistoryEntry } from '#projections';
import { formatScope, type ExportScope } from '#verifier';

/** What the PDF shows, as plain data: every text that reaches the PDF passes through regulatorReportOf. */
export interface RegulatorReport {
  scope: string;
  requestedBy: string;
  /** The recording time of the last selected event: the document's date (never the clock). */
  documentDate: string;
  selectedEvents: number;
  deals: ReportDeal[];
  parties: ReportParty[];
  verification: ReportVerification;
}

export interface ReportDeal {
  dealId: string;
  title: string;
  parties: { partyId: string; name: string; kind: string; roles: string; country?: string }[];
  figures: { figureId: string; label: string; fact: string; entries: ReportEntry[] }[];
}

export interface ReportEntry {
  change: FigureChangeKind;
  value: string;
  source: string;
  reportedAt: string;
  effectiveAt?: string;
  recordedAt: string;
  recordedBy: string;
  event: string;
  reason?: string;
}

export interface ReportParty {
  partyId: string;
  name: string;
  kind: string;
  country?: string;
  lei?: string;
  aliases: string;
  registeredAt: string;
}

export interface ReportVerification {
  /** The whole ledger (chains, tree, checkpoints) verified before anything was exported. */
  ledgerVerified: true;
  treeSize: number;
  root: string;
  checkpointSignedAt: string;
  ledgerKey: string;
  /** Cosignature lines on the checkpoint as published. */
  cosignatures: number;
  timestamped: boolean;
  /** Streams bundled and events whose chain hash and inclusion proof were checked against the checkpoint. */
  streams: number;
  eventsProven: number;
}

export interface RegulatorReportInput {
  scope: ExportScope;
  requestedBy: string;
  selected: readonly RecordedEvent[];
  streams: ReadonlyMap<string, readonly RecordedEvent[]>;
  /** The figure-history rows of the selected events, by deal id (the CSV's rows). */
  figureHistories: ReadonlyMap<string, readonly FigureHistoryEntry[]>;
  verification: ReportVerification;
}

/**
 * The report's content from the events and their figure histories. The one place the
 * export turns stored text (titles, names, sources, reasons) into what the PDF prints:
 * erasure of personal data hooks in here for the PDF, as it does in figureHistoryCsv for
 * the CSV and formatEventLine for the JSONL.
 */
export function regulatorReportOf(input: RegulatorReportInput): RegulatorReport {
  const deals: ReportDeal[] = [];
  const parties: ReportParty[] = [];
  for (const [streamId, events] of input.streams) {
    const dealId = dealIdFromStreamName(streamId);
    if (dealId !== undefined) deals.push(reportDeal(dealId, events, input.figureHistories.get(dealId) ?? []));
    const partyId = partyIdFromStreamName(streamId);
    if (partyId !== undefined) {
      const party = reportParty(events);
      if (party) parties.push(party);
    }
  }
  return {
    scope: formatScope(input.scope),
    requestedBy: input.requestedBy,
    documentDate: input.selected.at(-1)!.recordedAt,
    selectedEvents: input.selected.length,
    deals,
    parties,
    verification: input.verification,
  };
}

function reportDeal(dealId: string, events: readonly RecordedEvent[], history: readonly FigureHistoryEntry[]): ReportDeal {
  // Events disposed of past retention have no payload to report (the package's bundles show them emptied, with their disposal).
  const decoded = events.flatMap((event) => (event.disposal ? [] : [fromStoredEvent(event.type, event.data)])).filter((event): event is DealEvent => event !== undefined);
  const state = foldDeal(decoded);
  const registered = decoded.find((event) => event.type === 'DealRegistered.v2');
  const dealParties = state.registered ? [...state.parties.values()] : [];
  const names = new Map(dealParties.map((party) => [party.partyId, party.name]));
  const nameOf = (partyId: string) => names.get(partyId) ?? partyId;
  const figures = new Map<string, ReportDeal['figures'][number]>();
  for (const entry of history) {
    const figure = figures.get(entry.figureId) ?? { figureId: entry.figureId, label: figureLabel(entry.fact, entry.context, nameOf), fact: entry.fact, entries: [] };
    figure.entries.push(reportEntry(entry));
    figures.set(entry.figureId, figure);
  }
  return {
    dealId,
    title: registered?.type === 'DealRegistered.v2' ? registered.data.title : dealId,
    parties: dealParties.map((party) => ({
      partyId: party.partyId,
      name: party.name,
      kind: party.kind,
      roles: party.roles.join(', '),
      ...(party.country !== undefined ? { country: party.country } : {}),
    })),
    figures: [...figures.values()],
  };
}

function reportEntry(entry: FigureHistoryEntry): ReportEntry {
  return {
    change: entry.change,
    value: entry.display,
    source: sourceText(entry.source),
    reportedAt: entry.reportedAt,
    ...(entry.effectiveAt !== undefined ? { effectiveAt: entry.effectiveAt } : {}),
    recordedAt: entry.recordedAt,
    recordedBy: entry.recordedBy,
    event: `revision ${entry.revision} of the deal's stream, ${entry.eventType}, event ${entry.eventId}`,
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
  };
}

function sourceText(source: Source): string {
  return [
    source.publisher,
    source.title !== undefined ? `"${source.title}"` : undefined,
    source.attribution !== undefined ? `attributed to ${source.attribution}` : undefined,
    `tier ${source.tier}`,
    source.publishedAt !== undefined ? `published ${source.publishedAt}` : undefined,
    source.url,
    source.citedBy !== undefined ? `cited by ${source.citedBy}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join('; ');
}

function reportParty(events: readonly RecordedEvent[]): ReportParty | undefined {
  const decoded = events.flatMap((recorded): RecordedPartyEvent[] => {
    const event = recorded.disposal ? undefined : fromStoredPartyEvent(recorded.type, recorded.data);
    return event ? [{ event, recordedAt: recorded.recordedAt }] : [];
  });
  const record = partyRecordOf(decoded);
  if (!record) return undefined;
  return {
    partyId: record.partyId,
    name: record.name,
    kind: record.kind,
    ...(record.country !== undefined ? { country: record.country } : {}),
    ...(record.lei !== undefined ? { lei: record.lei } : {}),
    aliases: record.aliases.join(', '),
    registeredAt: record.registeredAt,
  };
}
