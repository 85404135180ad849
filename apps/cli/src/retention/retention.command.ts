import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { disposeRecords, legalHoldsInForce, RECORD_CATEGORIES, retentionReport, type DisposalOutcome, type RecordCategory, type RetentionReport } from '#application';
import { isIsoTimestamp, LedgerError } from '#domain';
import { ledgerProjections, loadConfig, openEventStore, openPersonalData } from '#runtime';
import { rebuildProjections } from '../projections/projections.command.js';

/** `ledger retention report | dispose`: what is past its retention date, and disposal of it. */
export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command('retention')
    .description('retention schedules (LEDGER_RETENTION_*_YEARS) and disposal of records past them, never of records under a legal hold');

  retention
    .command('report')
    .description('per category: the schedule, how many records are past it, the oldest, and which legal holds keep records back')
    .option('--as-of <instant>', 'apply the schedule at this instant (ISO 8601 with a zone, or a date) rather than now')
    .option('--json', 'print the report as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const config = loadConfig();
      const store = await openEventStore(config);
      try {
        const report = await retentionReport(store, config.retention, legalHoldsInForce(store), instantOf(options.asOf));
        if (options.json) console.log(JSON.stringify(report));
        else printReport(report);
      } finally {
        await store.close();
      }
    });

  retention
    .command('dispose')
    .description(
      'empty the payloads of records past retention and not under a legal hold, keeping their hashes and places in the log tree; ' +
        'recorded as one EventsDisposed.v1 event per batch, with who and why',
    )
    .requiredOption('--reason <text>', 'why (recorded with the disposal)')
    .option('--dry-run', 'say what would be disposed of and what is held, writing nothing')
    .option('--category <category...>', `only these categories: ${RECORD_CATEGORIES.join(', ')}`)
    .option('--record <id...>', 'only these records: a deal or party stream (deal-…, party-…) or an event id; a held one is refused with its hold')
    .option('--as-of <instant>', 'with --dry-run: what a disposal at this instant would take')
    .option('--no-rebuild', 'leave the read models as they are (they keep the rows of disposed deals until `ledger projections rebuild`)')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { reason: string; dryRun?: boolean; category?: string[]; record?: string[]; asOf?: string; rebuild: boolean; json?: boolean }) => {
      if (options.asOf !== undefined && !options.dryRun) throw new Error('--as-of needs --dry-run: nothing is disposed of before its date');
      const categories = options.category?.map(categoryOf);
      const config = loadConfig();
      const store = await openEventStore(config);
      let outcome: DisposalOutcome;
      try {
        outcome = await disposeRecords(store, {
          reason: options.reason,
          actor: `cli:${userInfo().username}`,
          now: instantOf(options.asOf),
          schedule: config.retention,
          holds: legalHoldsInForce(store),
          dryRun: options.dryRun ?? false,
          ...(categories ? { categories } : {}),
          ...(options.record ? { records: options.record } : {}),
        });
        // Names only the emptied records held are erased from the vault (opening it applies what the log records).
        if (!outcome.dryRun && outcome.disposals.length > 0) (await openPersonalData(config, store, () => new Date())).vault.close();
        if (options.json) console.log(JSON.stringify(outcome));
        else printOutcome(outcome);
      } catch (error) {
        // A refusal (a hold, a record not due, a store that cannot dispose) is named by its code; exit 1.
        if (!(error instanceof LedgerError)) throw error;
        if (options.json) console.log(JSON.stringify({ code: error.code, message: error.message, details: error.details }));
        console.error(`Refused, nothing disposed of: ${error.code}: ${error.message}`);
        process.exitCode = 1;
        return;
      } finally {
        await store.close();
      }
      const stale = projectionsFedBy(outcome);
      if (stale.length === 0 || outcome.dryRun) return;
      const reason = `Disposal ${outcome.disposals.map((d) => d.disposalEventId).join(', ')}: drop the rows of the events it emptied`;
      if (!options.rebuild) {
        console.error(`The read models keep the rows of what was disposed of until rebuilt: ledger projections rebuild ${stale.join(', then ')}`);
        return;
      }
      await rebuildProjections(stale, reason, { ...(options.json ? { json: true } : {}) });
    });
}

/** The projections that built rows from the emptied events: they are rebuilt without them. */
function projectionsFedBy(outcome: DisposalOutcome): string[] {
  const types = new Set(outcome.disposed.map((d) => d.type));
  return ledgerProjections()
    .filter((p) => p.handles.some((type) => types.has(type)))
    .map((p) => p.name);
}

function instantOf(setting: string | undefined): Date {
  if (setting === undefined) return new Date();
  if (!isIsoTimestamp(setting)) throw new Error(`--as-of must be an ISO-8601 date or date-time with a zone, not ${setting}`);
  return new Date(setting);
}

function categoryOf(setting: string): RecordCategory {
  if (!(RECORD_CATEGORIES as readonly string[]).includes(setting)) throw new Error(`--category must be one of ${RECORD_CATEGORIES.join(', ')}, not ${setting}`);
  return setting as RecordCategory;
}

function printReport(report: RetentionReport): void {
  console.log(`Retention as of ${report.asOf}, counted from when the ledger recorded each record:`);
  for (const c of report.categories) {
    const oldest = c.oldest ? `; oldest ${c.oldest.streamId}@${c.oldest.revision} recorded ${c.oldest.recordedAt}, due ${c.oldest.retainedUntil}` : '';
    console.log(
      `  ${c.category}: ${c.years} years; ${count(c.records, 'record')}, ${c.disposed} disposed of; ` +
        `past retention ${c.pastRetention} (${c.disposable} disposable, ${c.held} held)${oldest}`,
    );
    for (const h of c.holds) console.log(`    held by ${h.holdId} (${h.reference}: ${h.reason}): ${count(h.records, 'record')}`);
  }
}

function printOutcome(outcome: DisposalOutcome): void {
  const verb = outcome.dryRun ? 'Would dispose of' : 'Disposed of';
  if (outcome.disposed.length === 0) console.log('Nothing to dispose of: no record is past retention outside a legal hold');
  else {
    const streams = new Set(outcome.disposed.map((d) => d.streamId));
    console.log(`${verb} ${count(outcome.disposed.length, 'record')} in ${count(streams.size, 'stream')}: ${[...streams].join(', ')}`);
  }
  for (const d of outcome.disposals) console.log(`  recorded as disposal ${d.disposalEventId} at position ${d.position} (${count(d.events, 'event')})`);
  for (const h of outcome.held) console.log(`  kept: ${h.streamId} (${count(h.events, 'record')}) under legal hold ${h.holds.join(', ')}`);
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
