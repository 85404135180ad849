/** A clock that moves only when told: recorded times become part of what tests assert. */
export class ControlledClock {
  private current: Date;

  constructor(start: string | Date = '2025-03-17T09:00:00.000Z') {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  set(time: string | Date): void {
    this.current = new Date(time);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
