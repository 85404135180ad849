import type { ClassConstructor } from 'class-transformer';
import type { PartyCommand, PartyCommandOf, PartyCommandType } from '#domain';
import type { MembersMatch } from '../deal/requests/members-match.js';
import { factsOf, type CommandExtras } from '../command-extras.js';

/** What the path of a party command route names. */
export interface PartyTarget {
  partyId: string;
  /** The parent whose link ends (`/parties/:partyId/parents/:parentId/end`). */
  parentId?: string;
}

/** The command members a route's path gives rather than its body (RegisterParty's partyId is in its body). */
type PathMembers<T extends PartyCommandType> = T extends 'RegisterParty'
  ? never
  : T extends 'EndPartyParentLink'
    ? 'partyId' | 'parentId'
    : 'partyId';

type BodyMembers<T extends PartyCommandType> = Exclude<keyof PartyCommandOf<T>, 'type' | PathMembers<T>> | CommandExtras;

export interface PartyCommandRoute<R extends object = object, T extends PartyCommandType = PartyCommandType> {
  command: T;
  request: ClassConstructor<R>;
}

/** A route whose request class the compiler holds to the command: the same members, none missing, none invented. */
export function definePartyCommandRoute<R extends object, T extends PartyCommandType>(
  route: PartyCommandRoute<R, T> & MembersMatch<R, BodyMembers<T>>,
): PartyCommandRoute<R> {
  return route as unknown as PartyCommandRoute<R>;
}

/** The command a validated body asks for, on the party (and parent) its path names. */
export function toPartyCommand(route: PartyCommandRoute, target: PartyTarget, body: object, commandId: string): PartyCommand {
  const path =
    route.command === 'RegisterParty'
      ? {}
      : route.command === 'EndPartyParentLink'
        ? { partyId: target.partyId, parentId: target.parentId }
        : { partyId: target.partyId };
  return { type: route.command, ...path, ...factsOf(body, commandId) } as PartyCommand;
}
