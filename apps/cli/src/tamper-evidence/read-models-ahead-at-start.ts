import { findReadModelsAheadOfLog, type ReadModelAhead } from '#application';
import type { LedgerRuntime } from '#runtime';

/** Findings logged one by one; past this many, only counted. */
const LOGGED_FINDINGS = 20;

export interface ReadModelsAheadCheck {
  /** The findings, once the check has gone through every deal (or was stopped). */
  readonly done: Promise<ReadModelAhead[]>;
  /** Stops between deals and waits: call before the runtime closes. */
  stop(): Promise<void>;
}

/**
 * At server start, in the background: a read model ahead of the log (a checkpoint beyond
 * its head, a deal revision its stream does not have) means the read-model file was made
 * from another events file, or edited, and answers would not be what the log proves. One
 * one-event read per deal (about 20 µs each on SQLite: 2 s per 100,000 deals; more on
 * KurrentDB), so it runs beside the server rather than delaying it, and logs only what it finds.
 */
export function checkReadModelsAheadAtStart(runtime: LedgerRuntime, log: (line: string) => void): ReadModelsAheadCheck {
  const stopping = new AbortController();
  let logged = 0;
  const onFound = (ahead: ReadModelAhead) => {
    if (++logged <= LOGGED_FINDINGS) log(`Read model ahead of the log: ${inWords(ahead)}`);
  };
  const done = findReadModelsAheadOfLog(runtime.store, runtime.readModels, { signal: stopping.signal, onFound })
    .then((found) => {
      if (found.length > 0) {
        log(
          `Read models ahead of the log: ${found.length} finding${found.length === 1 ? '' : 's'}${found.length > LOGGED_FINDINGS ? ` (the first ${LOGGED_FINDINGS} above)` : ''}. ` +
            'What they serve is not what this log proves: rebuild them (`ledger projections rebuild <name>`), and stop the server to see ' +
            'every difference with `ledger verify --read-models`',
        );
      }
      return found;
    })
    .catch((error: unknown) => {
      if (!stopping.signal.aborted) log(`Could not check the read models against the log: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
  return {
    done,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}

function inWords(ahead: ReadModelAhead): string {
  if (ahead.kind === 'checkpoint') {
    return `${ahead.projection} stands at position ${ahead.position}, beyond the head of the log (${ahead.head})`;
  }
  const stream = ahead.streamRevision === null ? 'its stream does not exist' : `its stream ends at revision ${ahead.streamRevision}`;
  return `deal ${ahead.dealId} is at revision ${ahead.revision} in deal-state, but ${stream}`;
}
