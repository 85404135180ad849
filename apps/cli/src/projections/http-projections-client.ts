import type { OperationView, ProjectionView, ProjectionsClient, ReplayFrom } from './projections-client.js';
import { ProjectionsCommandError } from './projections-client.js';

/** Talks to a running `ledger serve` through its admin routes, with an API key. */
export class HttpProjectionsClient implements ProjectionsClient {
  readonly waitsOnStall = true;

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  get source(): string {
    return this.baseUrl;
  }

  async list(): Promise<ProjectionView[]> {
    return ((await this.call('GET', '/admin/projections')) as { projections: ProjectionView[] }).projections;
  }

  async status(name: string): Promise<ProjectionView> {
    return (await this.call('GET', `/admin/projections/${encodeURIComponent(name)}`)) as ProjectionView;
  }

  async rebuild(name: string, reason?: string): Promise<OperationView> {
    const answer = await this.call('POST', `/admin/projections/${encodeURIComponent(name)}/rebuild`, reason ? { reason } : {});
    return (answer as { operation: OperationView }).operation;
  }

  async replay(name: string, start: ReplayFrom, reason?: string): Promise<OperationView> {
    const body = { ...start, ...(reason ? { reason } : {}) };
    const answer = await this.call('POST', `/admin/projections/${encodeURIComponent(name)}/replay`, body);
    return (answer as { operation: OperationView }).operation;
  }

  async close(): Promise<void> {}

  private async call(method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          Authorization: `Bearer ${this.key}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new ProjectionsCommandError(
        'SERVER.UNREACHABLE',
        `No ledger server answers at ${this.baseUrl} (${(error as Error).message}); pass --url, or stop the server to work on the data directory`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!response.ok) {
      throw new ProjectionsCommandError(answer.code ?? `HTTP.${response.status}`, answer.message ?? response.statusText);
    }
    return answer;
  }
}
