import type { Command } from 'commander';
import { runAgainstServer, withServerOptions, type ServerOptions } from '../admin-client/admin-call.js';

interface Subject {
  subject: string;
  name: string;
  sealedAt: string;
  streams: string[];
}

interface Erasure {
  subject: string;
  erasedAt: string;
  streams: string[];
  wording: string;
}

/**
 * `ledger personal-data find <text>` and `ledger erase --subject … --reason …`: the admin routes
 * of the personal-data vault, through the running server, which checks legal holds and records
 * the erasure under the key's actor.
 */
export function registerPersonalDataCommands(program: Command): void {
  withServerOptions(
    program
      .command('personal-data')
      .description('names of people the ledger holds apart from its log')
      .command('find')
      .description('the subjects whose name contains the text (any case), with the streams naming them')
      .argument('<text>', 'part of a name, at least 2 characters'),
  ).action((text: string, options: ServerOptions) =>
    runAgainstServer(options, async (call) => {
      const { items } = (await call('GET', `/admin/personal-data?name=${encodeURIComponent(text)}`)) as { items: Subject[] };
      if (options.json) return console.log(JSON.stringify(items));
      if (items.length === 0) console.log(`No name held contains "${text}".`);
      for (const item of items) console.log(`${item.subject}  ${item.name}  named in ${item.streams.join(', ')}  (kept since ${item.sealedAt})`);
    }),
  );

  withServerOptions(
    program
      .command('erase')
      .description('erase a subject: its name and salt are destroyed; every reader sees "erased on … under <reason>"; proofs still hold')
      .requiredOption('--subject <commitment>', 'the subject (ledger personal-data find gives it)')
      .requiredOption('--reason <text>', 'the request or rule the erasure answers, shown where the name was'),
  ).action((options: ServerOptions & { subject: string; reason: string }) =>
    runAgainstServer(options, async (call) => {
      const erasure = (await call('POST', '/admin/personal-data/erasures', { subject: options.subject, reason: options.reason })) as Erasure;
      console.log(options.json ? JSON.stringify(erasure) : `Erased ${erasure.subject} at ${erasure.erasedAt}: ${erasure.streams.join(', ')} now read "${erasure.wording}".`);
    }),
  );
}
