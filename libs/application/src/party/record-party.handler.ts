import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PartyCommand } from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext } from '../command-context.js';
import { APPLICATION_OPTIONS, EVENT_STORE, type ApplicationOptions } from '../tokens.js';
import type { RecordedPartyCommand } from './party-command-result.js';
import { recordPartyCommand } from './record-on-party-stream.js';
import { traceCommand } from '../command-handling/command-span.js';

/** Every party command travels the command bus in this envelope, with who sent it. */
export class RecordPartyCommand extends Command<RecordedPartyCommand> {
  constructor(
    readonly command: PartyCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Records a party command. It answers as soon as the events are appended: a party is read
 * from its own stream (GET /parties/:id folds it), so no read model has to catch up first.
 */
@CommandHandler(RecordPartyCommand)
export class RecordPartyHandler implements ICommandHandler<RecordPartyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  execute({ command, context }: RecordPartyCommand): Promise<RecordedPartyCommand> {
    return traceCommand(command.type, { 'ledger.party.id': command.partyId }, context.commandId, () =>
      recordPartyCommand(this.store, command, context, this.options),
    );
  }
}
