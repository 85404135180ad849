import type { Command } from 'commander';
import type { LegalHold, LegalHoldScope, ReleasedLegalHold } from '#application';
import { AdminCommandError, runAgainstServer as run, withServerOptions as common, type ServerOptions } from '../admin-client/admin-call.js';

/** A hold as the admin routes answer it: the ledger's hold, released or not, and whether it is in force. */
type Hold = (LegalHold | ReleasedLegalHold) & Partial<ReleasedLegalHold> & { inForce: boolean };

/**
 * `ledger holds list | place | release`: legal holds through a running server's admin routes
 * (at --url, LEDGER_URL or http://HOST:PORT), so that the server checks and records them as it
 * does for HTTP callers, the deal index included, and the hold is recorded under the key's actor.
 */
export function registerHoldCommands(program: Command): void {
  const holds = program.command('holds').description('legal holds: list, place, release (through a running server, with an admin key)');
  common(holds.command('list').description('the holds in force (--all: with the released ones)').option('--all', 'also the released holds'))
    .action((options: ServerOptions & { all?: boolean }) =>
      run(options, async (call) => {
        const { items } = (await call('GET', `/admin/holds${options.all ? '?all=true' : ''}`)) as { items: Hold[] };
        if (options.json) return console.log(JSON.stringify(items));
        if (items.length === 0) console.log(options.all ? 'No hold was ever placed.' : 'No hold is in force.');
        for (const hold of items) console.log(line(hold));
      }),
    );

  common(
    holds
      .command('place')
      .description('place a hold on a deal, a party or the records of a time range')
      .option('--deal <dealId>', 'every record of this deal')
      .option('--party <partyId>', 'every record involving this party')
      .option('--from <time>', 'with --to: every record recorded from this instant (a date is that day 00:00 UTC)')
      .option('--to <time>', 'the end of the range (exclusive)')
      .requiredOption('--reason <text>', 'why the records are held')
      .requiredOption('--reference <text>', 'the matter: a case, request or ticket number'),
  ).action((options: ServerOptions & { deal?: string; party?: string; from?: string; to?: string; reason: string; reference: string }) =>
    run(options, async (call) => {
      const hold = (await call('POST', '/admin/holds', { scope: scopeOf(options), reason: options.reason, reference: options.reference })) as Hold;
      console.log(options.json ? JSON.stringify(hold) : `Placed ${hold.holdId} (${hold.reference}) on ${scopeInWords(hold.scope)}, in force since ${hold.placedAt}.`);
    }),
  );

  common(
    holds
      .command('release')
      .description('release a hold in force')
      .argument('<holdId>', 'the hold (hold-…)')
      .requiredOption('--reason <text>', 'why it is released (recorded with the release)'),
  ).action((holdId: string, options: ServerOptions & { reason: string }) =>
    run(options, async (call) => {
      const hold = (await call('DELETE', `/admin/holds/${encodeURIComponent(holdId)}`, { reason: options.reason })) as Hold;
      console.log(options.json ? JSON.stringify(hold) : `Released ${hold.holdId} (${hold.reference}) at ${hold.releasedAt}.`);
    }),
  );
}

function scopeOf(options: { deal?: string; party?: string; from?: string; to?: string }): Partial<LegalHoldScope> {
  const given = [options.deal !== undefined, options.party !== undefined, options.from !== undefined || options.to !== undefined];
  if (given.filter(Boolean).length !== 1) throw new AdminCommandError('REQUEST.VALIDATION_FAILED', 'give exactly one of --deal, --party, or --from with --to');
  if (options.deal !== undefined) return { kind: 'deal', dealId: options.deal };
  if (options.party !== undefined) return { kind: 'party', partyId: options.party };
  return { kind: 'recorded', ...(options.from !== undefined && { from: options.from }), ...(options.to !== undefined && { to: options.to }) };
}

function scopeInWords(scope: LegalHoldScope): string {
  if (scope.kind === 'deal') return `deal ${scope.dealId}`;
  if (scope.kind === 'party') return `party ${scope.partyId}`;
  return `records recorded from ${scope.from} to ${scope.to}`;
}

function line(hold: Hold): string {
  const released = hold.inForce ? '' : `  RELEASED ${hold.releasedAt} by ${hold.releasedBy}: ${hold.releaseReason}`;
  return `${hold.holdId}  ${hold.reference}  ${scopeInWords(hold.scope)}  since ${hold.placedAt} by ${hold.placedBy}  (${hold.reason})${released}`;
}
