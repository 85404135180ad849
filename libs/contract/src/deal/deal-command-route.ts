import type { ClassConstructor } from 'class-transformer';
import type { CommandOf, DealCommand, DealCommandType } from '#domain';
import { factsOf, type CommandExtras } from '../command-extras.js';
import { FIGURE_COMMAND_PATHS, type FigureCommandType } from './deal-command-paths.js';
import type { MembersMatch } from './requests/members-match.js';

/**
 * How one request shape becomes one domain command. The HTTP controllers and the bulk
 * import share these, so a line of an import file is checked exactly as a POST would be.
 */

/** What the path of a command route names. */
export interface CommandTarget {
  dealId: string;
  figureId?: string;
}

/** The command members a route's path gives rather than its body (RegisterDeal's dealId is in its body). */
type PathMembers<T extends DealCommandType> = T extends 'RegisterDeal'
  ? never
  : T extends FigureCommandType
    ? 'dealId' | 'figureId'
    : 'dealId';

/** What a command's body names: the command's members, less the path's, and the extras. */
type BodyMembers<T extends DealCommandType> = Exclude<keyof CommandOf<T>, 'type' | PathMembers<T>> | CommandExtras;

export interface DealCommandRoute<R extends object = object, T extends DealCommandType = DealCommandType> {
  command: T;
  request: ClassConstructor<R>;
  /** Members the ledger fills in when the body leaves them out: ids derived from the command id. */
  defaults?: (commandId: string) => Partial<CommandOf<T>>;
}

/** A route whose request class the compiler holds to the command: the same members, none missing, none invented. */
export function defineDealCommandRoute<R extends object, T extends DealCommandType>(
  route: DealCommandRoute<R, T> & MembersMatch<R, BodyMembers<T>>,
): DealCommandRoute<R> {
  return route as unknown as DealCommandRoute<R>;
}

/** The command a validated body asks for, on the target its path (or import line) names. */
export function toDealCommand(route: DealCommandRoute, target: CommandTarget, body: object, commandId: string): DealCommand {
  return {
    type: route.command,
    ...pathMembers(route.command, target),
    ...route.defaults?.(commandId),
    ...factsOf(body, commandId),
  } as DealCommand;
}

function pathMembers(command: DealCommandType, target: CommandTarget): Partial<CommandTarget> {
  if (command === 'RegisterDeal') return {};
  if (command in FIGURE_COMMAND_PATHS) return { dealId: target.dealId, figureId: target.figureId };
  return { dealId: target.dealId };
}
