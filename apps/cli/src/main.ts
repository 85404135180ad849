#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { importCommand } from './import.command.js';
import { registerKeyCommands } from './keys.command.js';
import { registerProjectionCommands } from './projections/projections.command.js';
import { serve } from './serve.command.js';
import { checkpointCommand } from './checkpoint.command.js';
import { exportCommand } from './export.command.js';
import { verifyBundleCommand } from './verify-bundle.command.js';
import { verifyCommand } from './verify.command.js';

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

program
  .command('verify')
  .description('recompute every hash chain and check every signed checkpoint; exit 1 and the first problem if anything was altered')
  .option('--checkpoint <file...>', 'checkpoint files kept elsewhere, checked too')
  .option('--public-key <file>', 'the public key checkpoints must be signed with (default: the signing key beside the data)')
  .option('--json', 'print the report as JSON')
  .action(async (options) => {
    process.exitCode = await verifyCommand(options);
  });

program
  .command('checkpoint')
  .description('verify, then sign the heads of every stream (Ed25519; the key is created on first use)')
  .option('--actor <name>', 'who signs (default: cli:<user>)')
  .option('--json', 'print the checkpoint as JSON')
  .action(async (options) => {
    process.exitCode = await checkpointCommand(options);
  });

program
  .command('export')
  .description("write a deal's evidence bundle: events, figure histories, chain, signed checkpoint, manifest")
  .requiredOption('--deal <id>', 'the deal')
  .requiredOption('--out <dir>', 'a new or empty directory')
  .option('--actor <name>', 'who signs a checkpoint if one is needed (default: cli:<user>)')
  .option('--json', 'print the summary as JSON')
  .action(async (options) => {
    process.exitCode = await exportCommand(options);
  });

program
  .command('verify-bundle')
  .description('check an evidence bundle offline, without the store')
  .argument('<dir>', 'the bundle directory')
  .option('--public-key <file>', "the ledger's public key, obtained apart from the bundle")
  .option('--json', 'print the result as JSON')
  .action(async (dir: string, options) => {
    process.exitCode = await verifyBundleCommand(dir, options);
  });

registerProjectionCommands(program);
registerKeyCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
