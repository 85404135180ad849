import type { Command } from 'commander';
import { loadConfig } from '#runtime';
import { adminApiKey } from '../projections/connect.js';
import { ProjectionsCommandError } from '../projections/projections-client.js';

/**
 * Admin commands that act through a running server's admin routes (at --url, LEDGER_URL or
 * http://HOST:PORT), so that the server checks and records what they do as it does for HTTP
 * callers, under the key's actor: `ledger holds`, `ledger erase`, `ledger personal-data`.
 */
export interface ServerOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

/** A refusal: the ledger's code and message (or the command's own, before any call). */
export class AdminCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The options every such command takes. */
export const withServerOptions = (command: Command): Command =>
  command
    .option('--url <url>', 'the server (default: LEDGER_URL, or http://HOST:PORT)')
    .option('--key <key>', 'an API key (default: LEDGER_API_KEY or <data dir>/local-api-key)')
    .option('--json', 'print the answer as JSON');

export type Call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: object) => Promise<unknown>;

/** Exit codes: 0 done, 1 refused (the ledger's code and message on stderr). */
export async function runAgainstServer(options: ServerOptions, work: (call: Call) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig();
    const url = options.url ?? process.env.LEDGER_URL ?? `http://${config.host}:${config.port}`;
    const key = adminApiKey(options, config);
    await work((method, path, body) => call(url, key, method, path, body));
  } catch (error) {
    // No key to send is the same refusal as for `ledger projections` over HTTP.
    if (!(error instanceof AdminCommandError || error instanceof ProjectionsCommandError)) throw error;
    if (options.json) console.log(JSON.stringify({ type: 'error', code: error.code, message: error.message }));
    console.error(`ledger: ${error.code}: ${error.message}`);
    process.exitCode = 1;
  }
}

async function call(baseUrl: string, key: string, method: string, path: string, body?: object): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new AdminCommandError('SERVER.UNREACHABLE', `No ledger server answers at ${baseUrl} (${(error as Error).message}): start one (ledger serve) or pass --url`);
  }
  const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string; field?: string };
  if (!response.ok) {
    throw new AdminCommandError(answer.code ?? `HTTP.${response.status}`, `${answer.message ?? response.statusText}${answer.field ? ` (field: ${answer.field})` : ''}`);
  }
  return answer;
}
