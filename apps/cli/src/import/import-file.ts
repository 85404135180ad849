import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { recordDealCommand, recordInBatch, recordPartyCommand, type BulkItem, type BulkOutcome, type CommandSettings, type PersonalDataSealer } from '#application';
import type { EffectiveWindow } from '#domain';
import type { EventStore } from '#event-store';
import { describeError } from '#contract';
import { parseImportLine, type ImportItem } from './import-line.js';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  lines: number;
}

export interface LineError {
  line: number;
  code: string;
  field?: string;
  message: string;
}

export interface ImportSummary {
  lines: number;
  recorded: number;
  alreadyRecorded: number;
  failed: number;
  events: number;
  errors: LineError[];
  seconds: number;
}

export interface ImportOptions {
  actor: string;
  /** Where an `effectiveAt` is plausible (LEDGER_EFFECTIVE_WINDOW), as for the HTTP routes. */
  effectiveWindow: EffectiveWindow;
  /** When each line is received: the store's clock, if the caller has one (default: the system's). */
  clock?: () => Date;
  /** Commands per atomic write. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Where names of people are kept apart from the log. */
  personalData?: PersonalDataSealer;
  /** Keeps at most this many line errors in the summary (all are counted). */
  maxErrorsKept?: number;
}

/**
 * Records a JSON Lines file of commands in batches. A bad line is reported with its
 * number and skipped; it never stops the rest. Blank lines and `#` comments are skipped.
 * A party command is recorded alone, where it stands: the deal lines before it are written
 * first, those after it later, so the log holds the file's order.
 */
export async function importFile(store: EventStore, file: string, options: ImportOptions): Promise<ImportSummary> {
  const started = process.hrtime.bigint();
  const batchSize = options.batchSize ?? 500;
  const clock = options.clock ?? (() => new Date());
  const settings: CommandSettings = { maxConflictRetries: 20, effectiveWindow: options.effectiveWindow, personalData: options.personalData };
  const maxErrorsKept = options.maxErrorsKept ?? 1000;
  const totalBytes = statSync(file).size;
  const summary: ImportSummary = { lines: 0, recorded: 0, alreadyRecorded: 0, failed: 0, events: 0, errors: [], seconds: 0 };
  const fail = (line: number, error: unknown) => {
    summary.failed++;
    if (summary.errors.length >= maxErrorsKept) return;
    const { code, field, message } = describeError(error);
    summary.errors.push({ line, code, ...(field ? { field } : {}), message });
  };

  const tally = (line: number, outcome: BulkOutcome) => {
    if (!outcome.ok) return fail(line, outcome.error);
    if (outcome.replayed) summary.alreadyRecorded++;
    else summary.recorded++;
    summary.events += outcome.eventCount;
  };

  let batch: { line: number; item: BulkItem }[] = [];
  const flush = async () => {
    const outcomes = await recordInBatch(
      store,
      batch.map((b) => b.item),
      settings,
      ({ command, context }) => outcomeOf(recordDealCommand(store, command, context, settings)),
    );
    outcomes.forEach((outcome, i) => tally(batch[i]!.line, outcome));
    batch = [];
  };
  const recordParty = async (line: number, { command, context }: Extract<ImportItem, { stream: 'party' }>) => {
    if (batch.length > 0) await flush();
    tally(line, await outcomeOf(recordPartyCommand(store, command, context, settings)));
  };

  let bytesRead = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    summary.lines++;
    bytesRead += Buffer.byteLength(text, 'utf8') + 1;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    let item: ImportItem;
    try {
      item = parseImportLine(trimmed, options.actor, clock().toISOString());
    } catch (error) {
      fail(summary.lines, error);
      continue;
    }
    if (item.stream === 'party') await recordParty(summary.lines, item);
    else batch.push({ line: summary.lines, item });
    if (batch.length >= batchSize) {
      await flush();
      options.onProgress?.({ bytesRead: Math.min(bytesRead, totalBytes), totalBytes, lines: summary.lines });
    }
  }
  if (batch.length > 0) await flush();
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, lines: summary.lines });
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}

/**
 * One command through its one-command path (a party command, or a deal command whose batch
 * met another writer and is redone line by line), as an outcome a batch would give.
 */
async function outcomeOf(recording: Promise<{ replayed: boolean; eventIds: readonly string[] }>): Promise<BulkOutcome> {
  try {
    const result = await recording;
    return { ok: true, eventCount: result.replayed ? 0 : result.eventIds.length, replayed: result.replayed };
  } catch (error) {
    return { ok: false, error };
  }
}
