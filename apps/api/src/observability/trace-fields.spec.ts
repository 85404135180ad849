import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '#runtime';
import { createLedgerLogger } from './ledger-logger.js';

function loggerWithLines() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const lines = () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger: createLedgerLogger({ destination }), lines };
}

describe('log lines and traces', () => {
  it('a line written inside an active span carries its traceId and spanId; one outside carries neither', async () => {
    const tracing = startTracing({ serviceName: 'deal-ledger' }, new InMemorySpanExporter());
    try {
      const { logger, lines } = loggerWithLines();
      const span = trace.getTracer('test').startSpan('a request');
      context.with(trace.setSpan(context.active(), span), () => logger.info({ route: '/deals' }, 'inside'));
      span.end();
      logger.info('outside');

      const [inside, outside] = lines();
      expect(inside).toMatchObject({ msg: 'inside', route: '/deals', traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
      expect(inside!.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(outside!.msg).toBe('outside');
      expect(outside).not.toHaveProperty('traceId');
      expect(outside).not.toHaveProperty('spanId');
    } finally {
      await tracing.shutdown();
    }
  });

  it('with tracing off, no line has trace fields, and a line keeps its own fields', () => {
    const { logger, lines } = loggerWithLines();
    logger.info({ requestId: 'r-1', traceId: 'given' }, 'a line');
    logger.warn('another');
    const [first, second] = lines();
    expect(first).toMatchObject({ requestId: 'r-1', traceId: 'given', msg: 'a line' });
    expect(first).not.toHaveProperty('spanId');
    expect(second).not.toHaveProperty('traceId');
  });
});
