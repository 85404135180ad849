#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { importCommand } from './import.command.js';
import { serve } from './serve.command.js';

const program = new Command()
  .name('ledger')
  .description('Deal Ledger: an event-sourced, tamper-evident ledger of reported deal facts');

program
  .command('serve')
  .description('serve the HTTP API (PORT, HOST, LEDGER_DATA_DIR, LEDGER_STORE from the environment)')
  .action(async () => {
    const ledger = await serve();
    const stop = async () => {
      await ledger.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('import')
  .description('record facts in bulk from a JSON Lines file (one command per line)')
  .argument('<file>', 'a .jsonl file')
  .option('--actor <name>', 'who the facts are recorded by (default: cli:<user>)')
  .option('--batch-size <n>', 'commands per atomic write', '500')
  .option('--json', 'print the summary as JSON')
  .action(async (file: string, options) => {
    process.exitCode = await importCommand(file, options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
