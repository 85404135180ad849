import type { operationView, projectionView } from '#contract';

/**
 * What `ledger projections` needs, whoever serves it: a running server over its admin
 * routes, or the data directory opened by the command itself. Both answer with the
 * shapes of the HTTP API (positions as cursor strings).
 */
export interface ProjectionsClient {
  /** Where the answers come from, for the user: the server's URL or the data directory. */
  readonly source: string;
  list(): Promise<ProjectionView[]>;
  status(name: string): Promise<ProjectionView>;
  rebuild(name: string, reason?: string): Promise<OperationView>;
  replay(name: string, start: ReplayFrom, reason?: string): Promise<OperationView>;
  /**
   * Local mode: the command itself feeds the read models, so a stall can only be
   * resolved once a server runs; over HTTP, admins can resolve it meanwhile.
   */
  readonly waitsOnStall: boolean;
  close(): Promise<void>;
}

export type ReplayFrom = { fromPosition: string } | { fromTime: string };

/**
 * The answers are what the API's converters write (positions as cursor strings), so a
 * shape the server changes is one the compiler holds this command to.
 */
export type ProjectionView = ReturnType<typeof projectionView>;
/** The projection's name, which the swap record repeats, is the command's to print. */
export type SwapView = Omit<NonNullable<ProjectionView['lastSwap']>, 'projection'>;
export type OperationView = ReturnType<typeof operationView>;

/** A refusal with the API's stable code, printed as `code: message`. */
export class ProjectionsCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionsCommandError';
  }
}
