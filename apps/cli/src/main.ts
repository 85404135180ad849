#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { importCommand } from './import.command.js';
import { registerHoldCommands } from './holds/holds.command.js';
import { registerPersonalDataCommands } from './records/personal-data.command.js';
import { registerKeyCommands } from './keys.command.js';
import { registerProjectionCommands } from './projections/projections.command.js';
import { registerRetentionCommands } from './retention/retention.command.js';
import { serve } from './serve.command.js';
import { backupCommand } from './backup/backup.command.js';
import { restoreCommand } from './backup/restore.command.js';
import { checkpointCommand } from './checkpoint.command.js';
import { exportCommand } from './export.command.js';
import { regulatorExportCommand } from './regulator-export.command.js';
import { verifyBundleCommand } from './verify-bundle.command.js';
import { verifyCommand } from './verify.command.js';
import { witnessCommand } from './witness.command.js';

const program = new Command()
  .name('ledger')
  .description('Deal Ledger: an event-sourced, tamper-evident ledger of reported deal facts');

program
  .command('serve')
  .description('serve the HTTP API (PORT, HOST, LEDGER_DATA_DIR, LEDGER_STORE from the environment)')
  .action(async () => {
    const ledger = await serve();
    const stop = async (signal: NodeJS.Signals) => {
      ledger.logger.info({ signal }, `${signal}: shutting down`);
      try {
        await ledger.close();
        process.exit(0);
      } catch (error) {
        ledger.logger.error({ err: error }, `Shutting down failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
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
  .description(
    'recompute every hash chain, check every event against the log tree and every signed checkpoint against the log; ' +
      'exit 1 and the first problem if anything was altered',
  )
  .option('--ledger-key <vkey...>', "the ledger's C2SP verifier key, obtained apart from the ledger (or a file holding it)")
  .option('--public-key <file>', "the same as a PEM public key file (default: the signing key beside the data)")
  .option('--checkpoint <file...>', 'signed checkpoints (C2SP notes) kept elsewhere, checked too')
  .option('--witness <vkey...>', "a witness's C2SP verifier key: accept history only under checkpoints it cosigned")
  .option('--require <k>', 'how many of the --witness keys must have cosigned (default 1 when witnesses are given)')
  .option('--tsa-ca <file>', "the TSA's CA certificate (PEM): checkpoint timestamps are verified against it")
  .option('--deal <id>', "verify one deal: its chain, its events' inclusion in the latest checkpoint, its read-model rows")
  .option('--read-models', "also check every deal's read-model rows against its events; exit 1 and each difference if any (the server must be stopped)")
  .option('--json', 'print the report as JSON')
  .action(async (options) => {
    process.exitCode = await verifyCommand(options);
  });

program
  .command('checkpoint')
  .description('bring the log tree up to date, then sign a C2SP checkpoint of it (Ed25519; the key is created on first use)')
  .option('--out <file>', 'also write the signed checkpoint to this file (keep it where the ledger cannot write)')
  .option('--json', 'print the checkpoint as JSON')
  .action(async (options) => {
    process.exitCode = await checkpointCommand(options);
  });

program
  .command('export')
  .description(
    "write a deal's evidence bundle (events, figure histories, an inclusion proof of each event, the signed checkpoint, a signed manifest) " +
      'or, with --regulator, a regulator package: a zip of bundles, the selected events, a PDF report and a signed manifest',
  )
  .option('--deal <id>', 'the deal')
  .option('--regulator', 'a regulator package of a deal (--deal), a party (--party) or what was recorded in [--from, --to)')
  .option('--party <id>', 'with --regulator: the party, its stream and every deal that names it')
  .option('--from <instant>', 'with --regulator: events recorded at or after this ISO 8601 instant')
  .option('--to <instant>', 'with --regulator: events recorded before this ISO 8601 instant')
  .requiredOption('--out <path>', 'a new or empty directory (a bundle), or a new file (--regulator: the zip)')
  .option('--actor <name>', 'who exports, for the access log and the package (default: cli:<user>)')
  .option('--json', 'print the summary as JSON')
  .action(async (options) => {
    if (options.regulator) process.exitCode = await regulatorExportCommand(options);
    else if (options.deal === undefined) throw new Error("required option '--deal <id>' not specified (or --regulator with --party, or --from and --to)");
    else process.exitCode = await exportCommand(options);
  });

program
  .command('verify-bundle')
  .description('check an evidence bundle or a regulator package offline, without the store')
  .argument('<path>', 'the bundle directory, or a regulator package (its zip or its unzipped directory)')
  .option('--ledger-key <vkey>', "the ledger's verifier key (or a file holding it), obtained apart from the bundle")
  .option('--public-key <file>', "or: the ledger's Ed25519 public key as PEM, obtained apart from the bundle")
  .option('--witness <vkey>', 'a witness cosignature key (or a file holding it); repeatable', (value: string, all: string[] = []) => [...all, value])
  .option('--require <k>', 'how many of the witnesses must have cosigned the checkpoint (default: 1 with --witness)')
  .option('--tsa-ca <file>', "PEM certificates of the time-stamping authorities to trust for checkpoint.tsr")
  .option('--json', 'print the result as JSON')
  .action(async (dir: string, options) => {
    process.exitCode = await verifyBundleCommand(dir, options);
  });

program
  .command('witness')
  .description(
    "cosign the ledger's checkpoints as an independent witness: each must be signed by the ledger's key and extend the last one " +
      'cosigned; a fork, rollback or rewritten history is refused (exit 3) with the evidence kept. Needs LEDGER_WITNESS_API_KEY',
  )
  .requiredOption('--ledger <url>', "the ledger's base URL")
  .requiredOption('--ledger-key <vkey>', "the ledger's C2SP verifier key, obtained by another channel (or a file holding it)")
  .requiredOption('--key <file>', "the witness's Ed25519 private key (PEM; created on first use)")
  .requiredOption('--state <dir>', 'where the witness keeps the last checkpoint it cosigned, and the evidence of refusals')
  .option('--name <name>', "the witness's key name, e.g. witness.example.org/w1 (default: derived from its key)")
  .option('--every <seconds>', 'keep witnessing, a round every so many seconds (default: one round)')
  .action(async (options) => {
    process.exitCode = await witnessCommand(options);
  });

program
  .command('backup')
  .description(
    "copy the SQLite ledger's files (SQLite online backup: safe while `ledger serve` writes) into a new directory, " +
      'then verify the copy as `ledger verify` would; exit 1 if it does not verify',
  )
  .argument('<dir>', 'a new or empty directory')
  .option('--json', 'print the result as JSON')
  .action(async (dir: string, options) => {
    process.exitCode = await backupCommand(dir, options);
  });

program
  .command('restore')
  .description('verify a backup, copy it into LEDGER_DATA_DIR (which must hold no ledger), and verify it there')
  .argument('<dir>', 'a directory `ledger backup` wrote')
  .option('--json', 'print the result as JSON')
  .action(async (dir: string, options) => {
    process.exitCode = await restoreCommand(dir, options);
  });

registerProjectionCommands(program);
registerKeyCommands(program);
registerHoldCommands(program);
registerPersonalDataCommands(program);
registerRetentionCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
