import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PartyTarget } from '#contract';
import { commandCallOf, type CommandCall } from '../http/command-call.js';

/** What a party command route hands the gateway besides its body: the party (and parent) its path names. */
export type PartyCall = CommandCall<PartyTarget>;

export const PartyCallOf = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandCallOf(context, ({ partyId, parentId }) => ({ partyId: partyId ?? '', ...(parentId !== undefined ? { parentId } : {}) })),
);
