import { userInfo } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, openEventStore, openPersonalData } from '#runtime';
import { importFile, type ImportSummary } from './import/import-file.js';

export interface ImportCommandOptions {
  actor?: string;
  batchSize?: string;
  json?: boolean;
}

const MAX_IMPORT_BATCH = 1000;

/**
 * `ledger import <file.jsonl>`: writes to the event store only. The read models catch
 * up when `ledger serve` runs (or at once, if it is running on the same data dir).
 */
export async function importCommand(file: string, options: ImportCommandOptions): Promise<number> {
  const batchSize = options.batchSize === undefined ? 500 : Number(options.batchSize);
  // A command writes a handful of events: 1,000 commands stay well inside one write's bound.
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IMPORT_BATCH) {
    throw new Error(`--batch-size must be a whole number from 1 to ${MAX_IMPORT_BATCH}, not ${options.batchSize}`);
  }
  const config = loadConfig();
  const store = await openEventStore(config);
  let personalData;
  try {
    personalData = await openPersonalData(config, store, () => new Date());
  } catch (error) {
    await store.close();
    throw error;
  }
  const actor = options.actor ?? `cli:${userInfo().username}`;
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} bytes | line {lines}' }, Presets.shades_classic)
    : undefined;
  bar?.start(1, 0, { lines: 0 });
  let summary: ImportSummary;
  try {
    summary = await importFile(store, file, {
      actor,
      effectiveWindow: config.effectiveWindow,
      batchSize,
      personalData: personalData.sealer,
      onProgress: (p) => {
        bar?.setTotal(p.totalBytes);
        bar?.update(p.bytesRead, { lines: p.lines });
      },
    });
  } finally {
    bar?.stop();
    personalData.vault.close();
    await store.close();
  }
  if (options.json) {
    console.log(JSON.stringify(summary));
  } else {
    for (const e of summary.errors) console.error(`line ${e.line}: ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
    console.log(
      `${summary.lines} lines: ${summary.recorded} recorded (${summary.events} events), ` +
        `${summary.alreadyRecorded} already recorded, ${summary.failed} failed, in ${summary.seconds.toFixed(2)} s`,
    );
  }
  return summary.failed > 0 ? 1 : 0;
}
