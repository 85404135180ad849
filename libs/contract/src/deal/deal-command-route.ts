import type { ClassConstructor } from 'class-transformer';
import type { DealCommand, DealCommandType } from '#domain';

/**
 * How one request shape becomes one domain command. The HTTP controllers and the bulk
 * import share these, so a line of an import file is checked exactly as a POST would be.
 */
/** What the path of a command route names. */
export interface CommandTarget {
  dealId: string;
  figureId?: string;
}

export interface DealCommandRoute<R extends object = object> {
  command: DealCommandType;
  request: ClassConstructor<R>;
  /** The path names the target (RegisterDeal takes its dealId from the body). */
  toCommand(target: CommandTarget, request: R, commandId: string): DealCommand;
}

export function defineDealCommandRoute<R extends object>(route: DealCommandRoute<R>): DealCommandRoute<R> {
  return route;
}
