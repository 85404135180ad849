import http from 'node:http';

export interface HttpAnswer {
  status: number;
  etag: string | undefined;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client on node:http: lighter than fetch, so the client costs the
 * 2-core machine as little as possible of what the server needs.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(url: string, maxSockets: number) {
    this.base = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  send(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              etag: response.headers.etag,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** `"12"` → 12. */
export function revisionOfEtag(etag: string | undefined): number | undefined {
  const match = /^"(\d+)"$/.exec(etag ?? '');
  return match ? Number(match[1]) : undefined;
}
