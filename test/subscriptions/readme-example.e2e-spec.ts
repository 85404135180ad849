import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRiskService } from '../../docs/examples/risk-service.js';
import { laterHypotheticalLines, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { WRITER_KEY } from '../support/test-ledger.js';
import { until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

const ROOT = join(__dirname, '..', '..');

/** The README's client example is the file the type check compiles, and it does what it says. */
describe("the README's client example", () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it('is quoted in the README exactly as docs/examples/risk-service.ts', () => {
    const example = readFileSync(join(ROOT, 'docs', 'examples', 'risk-service.ts'), 'utf8');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('follows the reference deal: its revisions and corrections, and its offtake with the term', async () => {
    for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
      await ledger.http().post(routeOf(line)).set(ledger.auth).set('Idempotency-Key', line.commandId!).send(line.body).expect(201);
    }
    const lines: string[] = [];
    const stop = new AbortController();
    const running = runRiskService(ledger.url, WRITER_KEY, stop.signal, (line) => lines.push(line));
    await until(() => lines.length >= 5, 10_000, 'the example to report');
    stop.abort();
    await running;
    expect(lines).toContain('caremag-2025: offtake of 50 %, term long-term');
    expect(lines.filter((line) => / (revised|corrected) at \d+$/.test(line))).toHaveLength(4);
  });
});
