import { checkTimestampReplyUntrusted, createTimestampRequest, verifyTimestampReply } from '#verifier';
import { ApplicationError } from '../application.errors.js';

export interface RequestTimestampOptions {
  /** The whole exchange, connection to last byte. Default 10 s: a checkpoint must not wait on a slow TSA. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * PEM roots (or TSA certificates) the TSA must chain to. When given, the reply is verified in
   * full; when absent, everything but trust is checked (see checkTimestampReplyUntrusted).
   * An empty list trusts nobody: every reply is refused.
   */
  trustAnchorsPem?: readonly string[];
}

export interface TimestampReply {
  /** The TimeStampResp DER as the TSA sent it: what the ledger stores and serves. */
  reply: Buffer;
  /** The token's genTime, ISO 8601 UTC. */
  genTime: string;
}

export type TimestampAuthorityErrorCode = 'TSA.UNAVAILABLE' | 'TSA.REJECTED' | 'TSA.BAD_REPLY';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Tokens are a few KiB; a TSA sending more is broken, and we do not buffer it. */
const MAX_REPLY_BYTES = 1024 * 1024;
const QUERY_TYPE = 'application/timestamp-query';
const REPLY_TYPE = 'application/timestamp-reply';

/**
 * An RFC 3161 timestamp for `data` (a checkpoint note as signed) from the TSA at `url`, over
 * HTTP as RFC 3161 §3.4 describes. The reply is accepted only if it answers this request: the
 * TSA granted it, it stamps SHA-256 of `data`, it carries our nonce and its signature holds.
 * Throws ApplicationError TSA.UNAVAILABLE (no answer, timeout, HTTP error), TSA.REJECTED (the
 * TSA refused) or TSA.BAD_REPLY (an answer that is not a valid token for this request).
 */
export async function requestTimestamp(url: string, data: Uint8Array, options: RequestTimestampOptions = {}): Promise<TimestampReply> {
  const where = displayUrl(url);
  const request = createTimestampRequest(data);
  const reply = await exchange(url, where, request.der, options);
  const result =
    options.trustAnchorsPem === undefined
      ? await checkTimestampReplyUntrusted(reply, data, { nonce: request.nonce })
      : await verifyTimestampReply(reply, data, { trustAnchorsPem: options.trustAnchorsPem, nonce: request.nonce });
  if (result.ok) return { reply, genTime: result.genTime };
  if (result.code === 'TIMESTAMP.NOT_GRANTED') throw tsaError('TSA.REJECTED', `The TSA at ${where} refused: ${result.reason}`, where, { verification: result.code });
  throw tsaError('TSA.BAD_REPLY', `The TSA at ${where} sent an unusable reply: ${result.reason}`, where, { verification: result.code });
}

/** POSTs the query and returns the reply body, bounded in time and size. */
async function exchange(url: string, where: string, query: Buffer, options: RequestTimestampOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': QUERY_TYPE, Accept: REPLY_TYPE },
      body: query,
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw tsaError('TSA.UNAVAILABLE', `The TSA at ${where} answered HTTP ${response.status}`, where, { httpStatus: response.status });
    }
    const type = response.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
    if (type !== REPLY_TYPE) {
      await response.body?.cancel();
      throw tsaError('TSA.BAD_REPLY', `The TSA at ${where} answered ${type ?? 'no content type'}, not ${REPLY_TYPE}`, where, { contentType: type });
    }
    return await readBounded(response, where);
  } catch (error) {
    if (error instanceof ApplicationError) throw error;
    const why = signal.aborted ? `no answer within ${timeoutMs} ms` : causeOf(error);
    throw tsaError('TSA.UNAVAILABLE', `The TSA at ${where} could not be reached: ${why}`, where, { timeoutMs });
  }
}

async function readBounded(response: Response, where: string): Promise<Buffer> {
  const tooLarge = () => tsaError('TSA.BAD_REPLY', `The TSA at ${where} sent more than ${MAX_REPLY_BYTES} bytes`, where);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_REPLY_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tsaError(code: TimestampAuthorityErrorCode, message: string, url: string, details: Record<string, unknown> = {}): ApplicationError {
  return new ApplicationError(code, message, 'unavailable', { url, ...details });
}

/** The URL without credentials or query, which may hold an API key: fit for logs and errors. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** undici hides the network error (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
