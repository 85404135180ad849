import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import {
  APPLICATION_OPTIONS,
  EVENT_STORE,
  READ_MODEL_PROGRESS,
  type ApplicationOptions,
  type ReadModelProgress,
} from '../tokens.js';
import { recordedNotReadable } from '../application.errors.js';
import { traceCommand } from '../command-handling/command-span.js';
import { RecordDealCommand } from './deal-command-envelope.js';
import { recordDealCommand, type RecordedDealCommand } from './record-on-deal-stream.js';

/**
 * Records every deal command, then answers once the read models show it (read-your-writes).
 * When they do not in time, the answer is 503 saying the command is recorded; its retry with
 * the same command id replays it (nothing is written twice) and waits again.
 */
@CommandHandler(RecordDealCommand)
export class RecordDealHandler implements ICommandHandler<RecordDealCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  execute({ command, context }: RecordDealCommand): Promise<RecordedDealCommand> {
    // The span covers the wait for the read models too: it is part of the command's answer.
    return traceCommand(command.type, { 'ledger.deal.id': command.dealId }, context.commandId, () => this.record(command, context));
  }

  private async record(command: RecordDealCommand['command'], context: RecordDealCommand['context']): Promise<RecordedDealCommand> {
    const recorded = await recordDealCommand(this.store, command, context, this.options);
    if (!(await this.readModels.waitFor(recorded.position, this.options.readModelWaitMs))) {
      throw recordedNotReadable(recorded, context.commandId, this.readModels);
    }
    return recorded;
  }
}
