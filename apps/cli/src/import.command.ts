import { userInfo } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, openEventStore } from '../../api/src/index.js';
import { importFile, type ImportSummary } from './import/import-file.js';

export interface ImportCommandOptions {
  actor?: string;
  batchSize?: string;
  json?: boolean;
}

/**
 * `ledger import <file.jsonl>`: writes to the event store only. The read models catch
 * up when `ledger serve` runs (or at once, if it is running on the same data dir).
 */
export async function importCommand(file: string, options: ImportCommandOptions): Promise<number> {
  const config = loadConfig();
  const store = await openEventStore(config);
  const actor = options.actor ?? `cli:${userInfo().username}`;
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} bytes | line {lines}' }, Presets.shades_classic)
    : undefined;
  bar?.start(1, 0, { lines: 0 });
  let summary: ImportSummary;
  try {
    summary = await importFile(store, file, {
      actor,
      batchSize: options.batchSize ? Number(options.batchSize) : 500,
      onProgress: (p) => {
        bar?.setTotal(p.totalBytes);
        bar?.update(p.bytesRead, { lines: p.lines });
      },
    });
  } finally {
    bar?.stop();
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
