/** Whether `condition` comes true within `timeoutMs`, looked at every 10 ms. */
export async function holdsWithin(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Resolves once `condition` comes true; fails the test if it has not within `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (!(await holdsWithin(condition, timeoutMs))) throw new Error(`The condition did not come true within ${timeoutMs} ms`);
}
