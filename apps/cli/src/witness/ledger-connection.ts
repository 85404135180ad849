/** What a witness asks of the ledger, over its HTTP API with a `witness` credential. */
export class LedgerConnection {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  latestCheckpoint(): Promise<string> {
    return this.request('GET', '/audit/checkpoints/latest').then((r) => r.text());
  }

  /** Read loosely: what the ledger sent is checked by the witness, not trusted. */
  async consistencyProof(from: number, to: number): Promise<{ proof?: unknown[] } | null> {
    return (await this.request('GET', `/audit/proofs/consistency?from=${from}&to=${to}`).then((r) => r.json())) as { proof?: unknown[] } | null;
  }

  async postCosignature(treeSize: number, cosignature: string, witnessKey: string): Promise<void> {
    await this.request('POST', `/audit/checkpoints/${treeSize}/cosignatures`, { cosignature, witnessKey });
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { Authorization: `Bearer ${this.apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return response;
  }
}
