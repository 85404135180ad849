import { credential, credentialRefused } from './session.js';
import type { ErrorBody } from './types.js';

/** A failed request, said the way the ledger said it (stable code, message, field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** What the ledger added (for a 403: `required`, the permission the route needs, and `roles`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** One sentence for the page: what happened, with the ledger's code. */
  describe(): string {
    if (this.status === 0) return this.message;
    const field = this.field ? ` (field: ${this.field})` : '';
    return `${this.message}${field} — ${this.code}, HTTP ${this.status}`;
  }
}

export type Query = Record<string, string | number | undefined>;

/** The path with its query string; empty and undefined parameters are left out. */
export function pathWith(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A GET to the ledger (same origin). The signed-in credential goes on every request: every
 * route but the health probes needs one. A refusal is thrown as the ledger's JSON error; a
 * 401 tells the sign-in form (the key is dropped, and the form asks for another); a 403 is
 * the caller's roles, not the key.
 */
async function request(path: string, accept: string, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const key = credential();
  if (key) headers['Authorization'] = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The ledger did not answer: it may be stopped or unreachable. Try again once it runs.');
  }
  if (response.ok) return response;
  const text = await response.text();
  let error: Partial<ErrorBody> = {};
  try {
    error = (text === '' ? {} : JSON.parse(text)) as Partial<ErrorBody>;
  } catch {
    throw new ApiError(response.status, 'RESPONSE.NOT_JSON', `The ledger answered HTTP ${response.status} with something that is not JSON`);
  }
  const failed = new ApiError(
    response.status,
    error.code ?? `HTTP.${response.status}`,
    error.message ?? `The ledger answered HTTP ${response.status}`,
    error.field,
    error.details,
  );
  if (response.status === 401) credentialRefused(key, `${failed.message} (${failed.code})`);
  throw failed;
}

/** GET a JSON answer, with its ETag. */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<{ body: T; etag?: string }> {
  const response = await request(pathWith(path, query), 'application/json', signal);
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'RESPONSE.NOT_JSON', `The ledger answered HTTP ${response.status} with something that is not JSON`);
  }
  const etag = response.headers.get('ETag') ?? undefined;
  return { body: body as T, ...(etag ? { etag } : {}) };
}

/** GET a file the ledger serves (the evidence bundle). */
export async function getFile(path: string): Promise<Blob> {
  return (await request(path, '*/*')).blob();
}
