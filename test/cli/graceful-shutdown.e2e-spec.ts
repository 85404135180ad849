import { request as httpRequest, type IncomingMessage } from 'node:http';
import { smallDeal } from '../support/small-deal.js';
import { startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

const KEY = 'ops-writer-key-0123456789';
const env = (dir: string) => ({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none', LEDGER_API_KEYS: `ops:admin:${KEY}`, LEDGER_SHUTDOWN_GRACE_S: '20' });

/** A POST whose body is sent in two parts: the server has the request, and waits for the rest. */
function halfSentPost(url: string, path: string, body: string): { finish: () => void; answer: Promise<{ status: number; body: string }> } {
  const cut = Math.floor(body.length / 2);
  const req = httpRequest(`${url}${path}`, {
    method: 'POST',
    agent: false,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, cut));
  return { finish: () => req.end(body.slice(cut)), answer };
}

/** An open SSE stream and everything it received until the server ended it. */
function openStream(url: string): Promise<{ ended: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/subscriptions/events?from=start`, { agent: false, headers: { Authorization: `Bearer ${KEY}`, Accept: 'text/event-stream' } });
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      const ended = new Promise<string>((done) => res.on('end', () => done(text)));
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes(': connected')) resolve({ ended });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function refusesConnections(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(500), keepalive: false });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server still took new connections');
}

describe('ledger serve on SIGTERM', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('stops taking connections, answers and records the command under way, ends event streams with a reconnect hint, and exits 0', async () => {
    const server = await startServe(env(data.dir));
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const stream = await openStream(server.url);
    const command = halfSentPost(server.url, '/deals', JSON.stringify(smallDeal('shutdown-1')));
    // Let the server take the request before the signal (its headers are in; the body is not).
    await new Promise((r) => setTimeout(r, 200));

    server.child.kill('SIGTERM');
    await refusesConnections(server.url);
    const frames = await stream.ended;
    command.finish();

    expect(await command.answer).toMatchObject({ status: 201 });
    expect(frames).toMatch(/retry: \d+\n: reconnect with Last-Event-ID[^\n]*\nevent: end\ndata: \{"reason":"shutdown"/);
    expect(await exited).toBe(0);

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.find((line) => line.msg === 'SIGTERM: shutting down')).toBeDefined();
    expect(lines.find((line) => line.route === '/deals' && line.method === 'POST')).toMatchObject({ status: 201, actor: 'ops' });
    expect(lines.at(-1)?.msg).toMatch(/^Stopped: every request under way was answered/);

    // Recorded, not merely answered: a new server on the same files has it.
    const again = await startServe(env(data.dir));
    try {
      const deal = await fetch(`${again.url}/deals/shutdown-1`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(deal.status).toBe(200);
      expect(deal.headers.get('etag')).toBe('"0"');
    } finally {
      await stop(again.child);
    }
  });
});
