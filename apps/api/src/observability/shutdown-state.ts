import { Injectable } from '@nestjs/common';

/**
 * Set when `ledger serve` begins a graceful shutdown: `/health/ready` answers 503 from then
 * on, so a load balancer that still probes stops sending traffic before the port closes.
 */
@Injectable()
export class ShutdownState {
  private since: string | undefined;

  begin(at: Date = new Date()): void {
    this.since ??= at.toISOString();
  }

  /** When the shutdown began (ISO 8601), or undefined while serving. */
  get draining(): string | undefined {
    return this.since;
  }
}
