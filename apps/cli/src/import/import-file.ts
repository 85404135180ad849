import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { recordDealCommand, recordInBatch, type BulkItem, type BulkOutcome } from '#application';
import type { EffectiveWindow } from '#domain';
import type { EventStore } from '#event-store';
import { describeError } from '#contract';
import { parseImportLine } from './import-line.js';

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
  /** Keeps at most this many line errors in the summary (all are counted). */
  maxErrorsKept?: number;
}

/**
 * Records a JSON Lines file of commands in batches. A bad line is reported with its
 * number and skipped; it never stops the rest. Blank lines and `#` comments are skipped.
 */
export async function importFile(store: EventStore, file: string, options: ImportOptions): Promise<ImportSummary> {
  const started = process.hrtime.bigint();
  const batchSize = options.batchSize ?? 500;
  const clock = options.clock ?? (() => new Date());
  const { effectiveWindow } = options;
  const maxErrorsKept = options.maxErrorsKept ?? 1000;
  const totalBytes = statSync(file).size;
  const summary: ImportSummary = { lines: 0, recorded: 0, alreadyRecorded: 0, failed: 0, events: 0, errors: [], seconds: 0 };
  const fail = (line: number, error: unknown) => {
    summary.failed++;
    if (summary.errors.length >= maxErrorsKept) return;
    const { code, field, message } = describeError(error);
    summary.errors.push({ line, code, ...(field ? { field } : {}), message });
  };

  let batch: { line: number; item: BulkItem }[] = [];
  const flush = async () => {
    const outcomes = await recordInBatch(
      store,
      batch.map((b) => b.item),
      effectiveWindow,
      recordAlone(store, effectiveWindow),
    );
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok) return fail(batch[i]!.line, outcome.error);
      if (outcome.replayed) summary.alreadyRecorded++;
      else summary.recorded++;
      summary.events += outcome.eventCount;
    });
    batch = [];
  };

  let bytesRead = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    summary.lines++;
    bytesRead += Buffer.byteLength(text, 'utf8') + 1;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    try {
      batch.push({ line: summary.lines, item: parseImportLine(trimmed, options.actor, clock().toISOString()) });
    } catch (error) {
      fail(summary.lines, error);
    }
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

/** The one-command path, used when a batch met another writer and is redone line by line. */
function recordAlone(store: EventStore, effectiveWindow: EffectiveWindow) {
  return async ({ command, context }: BulkItem): Promise<BulkOutcome> => {
    try {
      const result = await recordDealCommand(store, command, context, { maxConflictRetries: 20, effectiveWindow });
      return { ok: true, eventCount: result.replayed ? 0 : result.eventIds.length, replayed: result.replayed };
    } catch (error) {
      return { ok: false, error };
    }
  };
}
