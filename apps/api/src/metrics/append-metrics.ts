import { Histogram, type Registry } from 'prom-client';
import type { AppendObservations } from '#runtime';

/** Seconds: a SQLite append with FULL sync takes about a millisecond; KurrentDB a few over the network. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Events per write: one command writes a few; an import batch up to 500 (MAX_EVENTS_PER_WRITE beyond). */
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/** Every write to the log, timed and sized. Returns the function that stops observing (on app close). */
export function registerAppendMetrics(registry: Registry, appends: AppendObservations): () => void {
  const latency = new Histogram({
    name: 'ledger_append_duration_seconds',
    help: 'Time to write to the log, from the call to its answer (commands, imports, the access log), by outcome',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const batch = new Histogram({
    name: 'ledger_append_batch_events',
    help: 'Events in one write to the log (written atomically together on SQLite)',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  return appends.listen(({ seconds, events, ok }) => {
    latency.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
    if (ok) batch.observe(events);
  });
}
