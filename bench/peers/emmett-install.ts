import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from '../harness/paths.js';
import { EMMETT_VERSION, type EmmettSqlite } from './emmett-api.js';

export const EMMETT_DIR = join(BENCH_DIR, 'peers', 'emmett');
const PACKAGE_DIR = join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite');
const ENTRY = join(PACKAGE_DIR, 'dist', 'index.js');

export type EmmettLoad = { ok: true; emmett: EmmettSqlite } | { ok: false; reason: string };

/**
 * Installs the peer into its own folder on first use (`npm ci --prefix bench/peers/emmett`,
 * about two minutes: the `sqlite3` driver compiles) and loads it from there. Any failure
 * is returned as a reason, so the bench runs the rest and says why the peer is missing.
 */
export function installEmmett(log: (line: string) => void): { ok: true } | { ok: false; reason: string } {
  if (existsSync(ENTRY)) return { ok: true };
  log('Installing the Emmett peer once: npm ci --prefix bench/peers/emmett (sqlite3 compiles, ~2 min)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', EMMETT_DIR, '--no-audit', '--no-fund'], {
    stdio: ['ignore', 2, 2],
    timeout: 15 * 60_000,
  });
  if (result.error) return { ok: false, reason: `npm ci failed to start: ${result.error.message}` };
  if (result.status !== 0) return { ok: false, reason: `npm ci --prefix bench/peers/emmett exited with ${result.status}` };
  if (!existsSync(ENTRY)) return { ok: false, reason: `npm ci succeeded but ${ENTRY} is missing` };
  return { ok: true };
}

export async function loadEmmett(): Promise<EmmettLoad> {
  if (!existsSync(ENTRY)) return { ok: false, reason: 'the peer is not installed (bench/peers/emmett/node_modules is missing)' };
  const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  if (version !== EMMETT_VERSION) {
    return { ok: false, reason: `bench/peers/emmett has emmett-sqlite ${version}, the bench is written for ${EMMETT_VERSION}` };
  }
  try {
    return { ok: true, emmett: (await import(pathToFileURL(ENTRY).href)) as EmmettSqlite };
  } catch (error) {
    return { ok: false, reason: `loading emmett-sqlite failed: ${(error as Error).message}` };
  }
}
