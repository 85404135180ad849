import { Command } from '@nestjs/cqrs';
import type { DealCommand } from '#domain';
import type { CommandContext } from '../command-context.js';
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
