interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Callers waiting for a consumer of the log (a projection runner, the log tree) to reach a
 * position: each resolves true once it is reached, false on its timeout or when the consumer
 * stops for good.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  wait(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves true every wait for a position up to `reached`. */
  reached(reached: number): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.position > reached) return true;
      clearTimeout(waiter.timer);
      waiter.resolve(true);
      return false;
    });
  }

  /** Resolves false every wait still open: the consumer stopped. */
  abandon(): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
  }
}
