/** What stands in for a secret in a log line. */
export const REDACTED = '[REDACTED]';

// `Bearer <token>`, `Basic <credentials>`: whatever follows the scheme, up to a quote or space.
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
// A JWT: three base64url parts, the first a JSON header (`{"` encodes as `eyJ`).
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// The ledger's API keys (`dl_` and 43 base64url characters, api-key-book.ts).
const API_KEY = /\bdl_[A-Za-z0-9_-]{20,}/g;
// A URL's user:password. A KurrentDB password may hold '/', '?' or '@' unescaped (base64
// does): the hosts begin after the last '@' of the URL, as kurrentdb-errors.ts reads it.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):(\S*)@([^\s@]*)/gi;

/** A text with every credential the ledger handles replaced: tokens, JWTs, API keys, URL passwords. */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, (_match, scheme: string, user: string, _password: string, hosts: string) => `${scheme}${user}:${REDACTED}@${hosts}`)
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(API_KEY, REDACTED);
}

/** The same over a log line's fields: strings anywhere in it (a few levels deep), errors' messages and stacks. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactSecrets(value.message), ...(value.stack ? { stack: redactSecrets(value.stack) } : {}), ...codeOf(value) };
  }
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = SECRET_KEYS.test(key) ? REDACTED : redactFields(field, depth + 1);
  return out;
}

/** Fields whose value is a secret whatever it looks like. */
const SECRET_KEYS = /^(authorization|cookie|set-cookie|x-api-key|api[-_]?key|password|secret|token|connectionString)$/i;

const codeOf = (error: Error): { code?: unknown } => ('code' in error ? { code: (error as { code: unknown }).code } : {});
