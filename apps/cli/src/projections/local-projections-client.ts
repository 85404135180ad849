import { openLedgerRuntime, type LedgerConfig, type LedgerRuntime } from '#runtime';
import { describeError, projectionView, operationView } from '#contract';
import type { OperationView, ProjectionView, ProjectionsClient, ReplayFrom } from './projections-client.js';
import { ProjectionsCommandError } from './projections-client.js';

/**
 * Opens the data directory itself, when no server holds it: the command then feeds the
 * read models (live and rebuild) until it ends. A build it leaves unfinished, killed or
 * interrupted, resumes from its checkpoint the next time anything opens the directory.
 */
export class LocalProjectionsClient implements ProjectionsClient {
  readonly waitsOnStall = false;

  private constructor(
    private readonly runtime: LedgerRuntime,
    private readonly config: LedgerConfig,
    private readonly actor: string,
  ) {}

  /** Throws SQLITE_BUSY at once (not after the usual 5 s) when a server holds the read models. */
  static async open(config: LedgerConfig, actor: string, feed: boolean): Promise<LocalProjectionsClient> {
    const runtime = await openLedgerRuntime(config, { readModelBusyTimeoutMs: 200, startProjections: feed });
    return new LocalProjectionsClient(runtime, config, actor);
  }

  get source(): string {
    return this.config.dataDir;
  }

  async list(): Promise<ProjectionView[]> {
    return this.attempt(async () => (await this.runtime.projectionAdmin.list()).map(projectionView));
  }

  async status(name: string): Promise<ProjectionView> {
    return this.attempt(async () => projectionView(await this.runtime.projectionAdmin.status(name)));
  }

  async rebuild(name: string, reason?: string): Promise<OperationView> {
    return this.attempt(async () => operationView(await this.runtime.projectionAdmin.rebuild(name, this.actor, reason)));
  }

  async replay(name: string, start: ReplayFrom, reason?: string): Promise<OperationView> {
    return this.attempt(async () => {
      const from = 'fromPosition' in start ? { position: Number(start.fromPosition) } : { time: new Date(start.fromTime) };
      return operationView(await this.runtime.projectionAdmin.replay(name, from, this.actor, reason));
    });
  }

  close(): Promise<void> {
    return this.runtime.close();
  }

  /** The same codes the HTTP API answers with. */
  private async attempt<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const { code, message } = describeError(error);
      throw new ProjectionsCommandError(code, code === 'INTERNAL' ? String((error as Error)?.message ?? error) : message);
    }
  }
}
