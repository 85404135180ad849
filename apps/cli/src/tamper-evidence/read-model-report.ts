import { checkReadModels, type ReadModelCheckReport } from '#application';
import { openEventStore, type LedgerConfig } from '#runtime';
import { describeReadModelDifference } from './describe-read-model-difference.js';
import { openReadModelsReadOnly } from './open-read-models.js';
import { readModelProgressBar } from './read-model-progress.js';

/**
 * `ledger verify --read-models`: every deal's read-model rows (what `GET /deals/:dealId`,
 * the as-of answers and the web page serve) checked against the rows its events give,
 * each difference printed as it is found. True when there is none. Throws (exit 2) when
 * the check cannot run: no read-model file, or a running server holding it.
 */
export async function reportReadModels(config: LedgerConfig, options: { json?: boolean } = {}): Promise<boolean> {
  if (config.store === 'memory') throw new Error('--read-models: an in-memory ledger keeps no read models to check');
  const readModels = openReadModelsReadOnly(config, '--read-models');
  const store = await openEventStore(config);
  const progress = readModelProgressBar();
  const started = process.hrtime.bigint();
  let report: ReadModelCheckReport;
  try {
    report = await checkReadModels(store, readModels, {
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      ...(options.json ? {} : { onDifference: (difference) => progress.print(describeReadModelDifference(difference)) }),
    });
  } finally {
    progress.stop();
    readModels.close();
    await store.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.json) {
    console.log(JSON.stringify({ readModels: { ...report, seconds } }));
    return report.ok;
  }
  const scope = `${count(report.deals, 'deal')} (${count(report.events, 'event')}) up to position ${report.head}`;
  for (const { projection, position, head } of report.checkpointsAhead) {
    console.error(`READ_MODEL.AHEAD_OF_LOG: ${projection} stands at position ${position}, beyond the head of the log (${head}): it was made from another log`);
  }
  if (report.ok) {
    console.log(`Read models: ${scope} checked against their events in ${seconds.toFixed(2)} s: no difference`);
  } else {
    console.error(`READ MODELS DIFFER FROM THE LOG: ${count(report.differenceCount, 'difference')} in ${scope}; what they serve is not what the events prove (rebuild them: ledger projections rebuild <name>)`);
  }
  return report.ok;
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
