import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smallDeal } from '../support/small-deal.js';
import { startServe } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

const KEY = 'ops-writer-key-0123456789';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  links?: { traceId: string; spanId: string }[];
}

/** A stand-in OpenTelemetry collector: it keeps what is POSTed to /v1/traces (OTLP/HTTP JSON). */
async function fakeCollector(): Promise<{ url: string; spans: () => OtlpSpan[]; serviceNames: () => string[]; close: () => Promise<void> }> {
  const bodies: any[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') bodies.push(JSON.parse(text));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const resourceSpans = () => bodies.flatMap((body) => body.resourceSpans as any[]);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => resourceSpans().flatMap((r) => r.scopeSpans.flatMap((s: any) => s.spans as OtlpSpan[])),
    serviceNames: () => resourceSpans().map((r) => r.resource.attributes.find((a: any) => a.key === 'service.name')?.value.stringValue),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('ledger serve with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('sends the trace of a command to the collector, the last spans on SIGTERM, and logs the trace id of each request', async () => {
    const collector = await fakeCollector();
    try {
      const server = await startServe({
        LEDGER_DATA_DIR: data.dir,
        LEDGER_SEED: 'none',
        LEDGER_API_KEYS: `ops:admin:${KEY}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'ledger-under-test',
        // Nothing is sent on a schedule during the test: what arrives was sent at shutdown.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      });
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      const answer = await fetch(`${server.url}/deals`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(smallDeal('traced-1')),
      });
      expect(answer.status).toBe(201);
      expect(collector.spans()).toEqual([]);

      server.child.kill('SIGTERM');
      expect(await exited).toBe(0);

      expect(new Set(collector.serviceNames())).toEqual(new Set(['ledger-under-test']));
      const spans = collector.spans();
      const http = spans.find((span) => span.name === 'POST /deals')!;
      const command = spans.find((span) => span.name === 'command RegisterDeal')!;
      const append = spans.find((span) => span.name === 'append' && span.parentSpanId === command.spanId)!;
      expect(command.parentSpanId).toBe(http.spanId);
      expect([command.traceId, append.traceId]).toEqual([http.traceId, http.traceId]);
      const projection = spans.find((span) => span.name === 'projections apply' && span.links?.some((link) => link.spanId === append.spanId));
      expect(projection).toBeDefined();

      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, any>);
      expect(lines.find((line) => typeof line.msg === 'string' && line.msg.startsWith('Traces: sent over OTLP/HTTP as ledger-under-test'))).toBeDefined();
      expect(lines.find((line) => line.msg === 'request answered' && line.route === '/deals')).toMatchObject({ traceId: http.traceId, spanId: http.spanId });
    } finally {
      await collector.close();
    }
  });
});
