import { LedgerClient, type LedgerEvent } from '#client';

/** A risk service that follows the ledger: what it prints, `report` receives. */
export async function runRiskService(baseUrl: string, apiKey: string, signal: AbortSignal, report = console.log): Promise<void> {
  const ledger = new LedgerClient({ baseUrl, apiKey });

  // Every revision and correction, from the start of the log, then live. After a drop it
  // reconnects by itself and resumes right after the last event the handler finished.
  const changes = ledger.subscribe({
    filter: { types: ['FigureRevised.v2', 'FigureCorrected.v2'] },
    from: 'start',
    signal,
    handler: (event: LedgerEvent) => {
      if (event.type === 'FigureRevised.v2' || event.type === 'FigureCorrected.v2') {
        report(`${event.dealId}: ${event.data.figureId} ${event.type === 'FigureRevised.v2' ? 'revised' : 'corrected'} at ${event.position}`);
      }
    },
  });

  // A durable subscription: the ledger keeps its checkpoint across restarts of either side.
  // Resolving acks the event; throwing nacks it (retried, then parked for an admin).
  await ledger.durable.create({ name: 'risk-offtakes', filter: { types: ['OfftakeSigned.v3'] }, maxRetries: 3 });
  const offtakes = ledger.durable.consume('risk-offtakes', {
    signal,
    handler: (event) => {
      if (event.type !== 'OfftakeSigned.v3') return;
      const term = event.data.term?.value;
      report(`${event.dealId}: offtake of ${event.data.share.value.amount ?? '?'} %, term ${term?.text ?? term?.qualifier ?? 'not reported'}`);
    },
  });

  await Promise.all([changes.done, offtakes.done]);
}
