/**
 * Events per second over the last few seconds of progress, from (time, position) samples.
 * Positions of the SQLite store are dense, so a position difference is an event count.
 */
export class RateMeter {
  private samples: { at: number; position: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  record(position: number, at = Date.now()): void {
    this.samples.push({ at, position });
    const horizon = at - this.windowMs;
    // Keep one sample older than the window, so the rate spans the whole window.
    while (this.samples.length > 2 && this.samples[1]!.at < horizon) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Events per second; 0 until two samples at least 50 ms apart exist, or when idle for a window. */
  perSecond(now = Date.now()): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 50 || now - last.at > this.windowMs) return 0;
    return ((last.position - first.position) * 1000) / (last.at - first.at);
  }
}
