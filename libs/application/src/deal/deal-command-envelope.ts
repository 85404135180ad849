import { Command } from '@nestjs/cqrs';
import type { DealCommand } from '#domain';
import type { CommandContext } from '../command-context.js';
import type { DealCommandDryRun } from './dry-run-on-deal-stream.js';
import type { RecordedDealCommand } from './record-on-deal-stream.js';

/** Every deal command travels the command bus in this envelope, with who sent it. */
export class RecordDealCommand extends Command<RecordedDealCommand> {
  constructor(
    readonly command: DealCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A deal command decided but not recorded (`?dryRun=true`): what it would write, or the rule it breaks. */
export class DryRunDealCommand extends Command<DealCommandDryRun> {
  constructor(
    readonly command: DealCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
