/**
 * What a check answers: yes, or no with the reason, so that a caller can say what failed
 * instead of a bare `false`.
 */
export type Verdict = { ok: true } | { ok: false; reason: string };

export const PASS: Verdict = Object.freeze({ ok: true });

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * Thrown by the parsers when a text is not in the format its spec defines. Parsing is
 * strict on purpose: two different texts must never read as the same value, or a
 * signature would cover one and a reader see the other.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(
    /** Which format the text failed: 'signed-note', 'vkey', 'checkpoint', 'tlog-proof', 'manifest'. */
    readonly format: string,
    reason: string,
  ) {
    super(`${format}: ${reason}`);
  }
}
