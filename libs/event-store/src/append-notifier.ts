/**
 * In-process "something was appended" signal. Adapters fire it after the commit, never
 * inside the transaction, so a woken reader always finds the new events. It carries no
 * events: subscribers read them back by position, which is what keeps them gap-free.
 */
export class AppendNotifier {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Returns the function that removes the listener. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
