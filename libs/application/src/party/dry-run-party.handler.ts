import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PartyCommand } from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext } from '../command-context.js';
import { APPLICATION_OPTIONS, EVENT_STORE, type ApplicationOptions } from '../tokens.js';
import { dryRunPartyCommand, type PartyCommandDryRun } from './record-on-party-stream.js';

/** A party command to decide, not record (`?dryRun=true`). */
export class DryRunPartyCommand extends Command<PartyCommandDryRun> {
  constructor(
    readonly command: PartyCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Decides a party command as a real call would, and records nothing. */
@CommandHandler(DryRunPartyCommand)
export class DryRunPartyHandler implements ICommandHandler<DryRunPartyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  execute({ command, context }: DryRunPartyCommand): Promise<PartyCommandDryRun> {
    return dryRunPartyCommand(this.store, command, context, this.options);
  }
}
