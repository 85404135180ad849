import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EFFECTIVE_WINDOW } from '#domain';
import { verifyLog, type RecordedEvent } from '#event-store';
import { importFile, type ImportSummary } from '../../apps/cli/src/import/import-file.js';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble, type KurrentDbClientDoubleOptions } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { magnetcoDealLines, referenceDealLines } from '../support/reference-deal.js';
import { tempDataDir } from '../support/test-ledger.js';

/**
 * Issue 17, item 5, on the KurrentDB client DOUBLE (no server runs here): `ledger import`
 * writes each batch of commands in one write. Another ledger process records one of the
 * batch's commands on one of its deals between the batch's read and its write. On a server
 * with an atomic write to several streams (25.1+), that refuses the whole batch and writes
 * nothing of it; on an older one, the streams before the refused one stay written. Either
 * way the import then records the batch command by command, and every fact is in the log once.
 */
describe('bulk import on KurrentDB when another writer gets into a batch (over the KurrentDB client double)', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  const caremag = referenceDealLines();
  const magnetco = magnetcoDealLines();
  const options = { actor: 'importer', effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };

  /**
   * Imports both deals in one batch while another process records magnetco's first line
   * right before the batch's first `call` to the server that `isTheBatch`'s: the atomic
   * write itself, or (stream by stream) the read of the first stream's tail before its write.
   */
  async function importWithAnotherWriter(
    double: KurrentDbClientDoubleOptions,
    call: 'appendRecords' | 'readStream',
    isTheBatch: (args: unknown[]) => boolean,
  ) {
    const file = join(data.dir, `both-${call}.jsonl`);
    writeFileSync(file, [...caremag, ...magnetco].map((line) => JSON.stringify(line)).join('\n') + '\n');
    const otherFile = join(data.dir, `other-${call}.jsonl`);
    writeFileSync(otherFile, JSON.stringify(magnetco[0]) + '\n');

    const client = new KurrentDbClientDouble({ statsEvery: 1_000, ...double });
    const store = await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 });
    const other = await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 });
    let otherSummary: ImportSummary | undefined;
    const real = (client[call] as (...args: unknown[]) => AsyncIterable<unknown> | Promise<unknown>).bind(client);
    const otherWriterFirst = async (args: unknown[]) => {
      if (otherSummary || !isTheBatch(args)) return;
      otherSummary = { lines: 0 } as ImportSummary; // the other writer's own calls pass straight through
      otherSummary = await importFile(other, otherFile, options);
    };
    (client as unknown as Record<string, unknown>)[call] =
      call === 'readStream'
        ? (...args: unknown[]) =>
            (async function* () {
              await otherWriterFirst(args);
              yield* real(...args) as AsyncIterable<unknown>;
            })()
        : async (...args: unknown[]) => {
            await otherWriterFirst(args);
            return real(...args);
          };
    try {
      const summary = await importFile(store, file, options);
      const log: RecordedEvent[] = [];
      for await (const event of store.readAll()) log.push(event);
      return { summary, otherSummary: otherSummary!, log, verified: (await verifyLog(store)).ok, trait: await store.appendManyTrait() };
    } finally {
      await store.close();
      await other.close();
    }
  }

  const commandIdsOf = (log: readonly RecordedEvent[]) => log.map((e) => e.metadata.commandId);

  it('on a server with an atomic write, the refused batch wrote nothing: the other writer’s event is the log’s first, and every line is recorded once', async () => {
    const { summary, otherSummary, log, verified, trait } = await importWithAnotherWriter({}, 'appendRecords', ([records]) => Array.isArray(records) && records.length > 0);
    expect(trait).toBe('atomic');
    expect(otherSummary).toMatchObject({ recorded: 1, failed: 0 });
    expect(log[0]!.metadata).toMatchObject({ commandId: magnetco[0]!.commandId });
    // Nothing of the refused batch is in the log before the import's own command-by-command writes.
    expect(summary).toMatchObject({ recorded: caremag.length + magnetco.length - 1, alreadyRecorded: 1, failed: 0 });
    expect(new Set(commandIdsOf(log)).size).toBe(caremag.length + magnetco.length);
    expect(verified).toBe(true);
  });

  it('on a server before 25.1, the streams before the refused one stayed written and are answered as already recorded', async () => {
    // The batch's first write reads its stream's tail from the leader just before it.
    const { summary, log, verified, trait } = await importWithAnotherWriter(
      { multiStreamAppend: false },
      'readStream',
      ([stream, read]) => stream === 'deal-caremag-2025' && (read as { requiresLeader?: boolean } | undefined)?.requiresLeader === true,
    );
    expect(trait).toBe('in-order');
    expect(summary).toMatchObject({ recorded: magnetco.length - 1, alreadyRecorded: caremag.length + 1, failed: 0 });
    expect(new Set(commandIdsOf(log)).size).toBe(caremag.length + magnetco.length);
    expect(verified).toBe(true);
  });
});
