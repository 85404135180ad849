import type { ClassConstructor } from 'class-transformer';
import type { CommandOf, DealCommand, DealCommandType } from '#domain';
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

/** The command members a route's path gives rather than its body. */
type PathMembers<T extends DealCommandType> = T extends 'RegisterDeal'
  ? never
  : T extends 'ReviseFigure' | 'CorrectFigure' | 'RetractReport'
    ? 'dealId' | 'figureId'
    : 'dealId';

/** What a command's body names: the command's members, less the path's, and its idempotency key. */
type BodyMembers<T extends DealCommandType> = Exclude<keyof CommandOf<T>, 'type' | PathMembers<T>> | 'commandId';

export interface DealCommandRoute<R extends object = object, T extends DealCommandType = DealCommandType> {
  command: T;
  request: ClassConstructor<R>;
  /** The path names the target (RegisterDeal takes its dealId from the body). */
  toCommand(target: CommandTarget, request: R, commandId: string): CommandOf<T>;
}

/** A route whose request class the compiler holds to the command: the same members, none missing, none invented. */
export function defineDealCommandRoute<R extends object, T extends DealCommandType>(
  route: DealCommandRoute<R, T> & MembersMatch<R, BodyMembers<T>>,
): DealCommandRoute<R> {
  return route as DealCommandRoute<R>;
}
