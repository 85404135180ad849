import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, DryRunPartyCommand, RecordPartyCommand } from '#application';
import { assertValidId } from '#domain';
import { toPartyCommand, type PartyCommandRoute } from '#contract';
import { commandContextOf } from '../http/command-context-of.js';
import { etagOf } from '../http/if-match.js';
import type { PartyCall } from './party-call.js';
import { setDryRunHeaders } from '../http/dry-run.js';
import { partyCommandAnswer, type PartyCommandAnswer, type PartyDryRunAnswer } from './party-command.answer.js';

/** The HTTP side of every party command, as the deal gateway does it: ids and If-Match in; ETag and Location out. */
@Injectable()
export class PartyCommandGateway {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async send<R extends object>(route: PartyCommandRoute<R>, body: R & { commandId?: string }, { target, request, response, dryRun }: PartyCall): Promise<PartyCommandAnswer | PartyDryRunAnswer> {
    const receivedAt = this.clock().toISOString();
    // Path ids are checked before anything reads a stream with them: a bad one is a 400 naming it.
    if (route.command !== 'RegisterParty') assertValidId(target.partyId, 'partyId');
    if (target.parentId !== undefined) assertValidId(target.parentId, 'parentId');
    const context = commandContextOf(request, body, receivedAt);
    const command = toPartyCommand(route, target, body, context.commandId);
    if (dryRun) {
      const decided = await this.commandBus.execute(new DryRunPartyCommand(command, context));
      setDryRunHeaders(response, decided);
      return { dryRun: true, ...decided };
    }
    const { replayed, ...result } = await this.commandBus.execute(new RecordPartyCommand(command, context));
    response.status(201);
    response.setHeader('ETag', etagOf(result.revision));
    response.setHeader('Location', `/parties/${encodeURIComponent(command.partyId)}`);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return partyCommandAnswer(result);
  }
}
