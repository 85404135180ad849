import type { Span } from '@opentelemetry/api';
import { LedgerError } from '#domain';
import { inSpan, ledgerTracer, markFailed } from '#event-store';

/** Whom a command is about, as span attributes: `ledger.deal.id` or `ledger.party.id`. */
export type CommandSubject = { 'ledger.deal.id': string } | { 'ledger.party.id': string };

const OUTCOME = 'ledger.command.outcome';

/**
 * A command as a span, child of the HTTP request's: its type, whom it is about, its id, and
 * its outcome — `ok`, `replayed` (an earlier run's answer) or the stable error code it was
 * refused with. Without tracing the command just runs.
 */
export function traceCommand<R extends { replayed?: boolean }>(type: string, subject: CommandSubject, commandId: string, run: () => Promise<R>): Promise<R> {
  const tracer = ledgerTracer();
  if (tracer === undefined) return run();
  const attributes = { 'ledger.command.type': type, ...subject, 'ledger.command.id': commandId };
  return inSpan(
    tracer,
    `command ${type}`,
    { attributes },
    async (span) => {
      const result = await run();
      span.setAttribute(OUTCOME, result.replayed ? 'replayed' : 'ok');
      return result;
    },
    refused,
  );
}

/**
 * A refusal by a rule (409, 412, 404…) is an answer, not a fault: only a failure of the
 * ledger itself (an internal or unavailable kind, or an error without a code) marks the span failed.
 */
function refused(span: Span, error: unknown): void {
  if (!(error instanceof LedgerError)) return markFailed(span, error, { [OUTCOME]: 'INTERNAL' });
  if (error.kind === 'internal' || error.kind === 'unavailable') return markFailed(span, error, { [OUTCOME]: error.code });
  span.setAttribute(OUTCOME, error.code);
}
