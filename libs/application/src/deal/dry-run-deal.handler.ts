import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import { APPLICATION_OPTIONS, EVENT_STORE, type ApplicationOptions } from '../tokens.js';
import { DryRunDealCommand } from './deal-command-envelope.js';
import { dryRunDealCommand, type DealCommandDryRun } from './dry-run-on-deal-stream.js';

/** Decides a deal command without recording it: nothing is written, so there is no read model to wait for. */
@CommandHandler(DryRunDealCommand)
export class DryRunDealHandler implements ICommandHandler<DryRunDealCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_OPTIONS) private readonly options: ApplicationOptions,
  ) {}

  execute({ command, context }: DryRunDealCommand): Promise<DealCommandDryRun> {
    return dryRunDealCommand(this.store, command, context, this.options.effectiveWindow, this.options.personalData);
  }
}
