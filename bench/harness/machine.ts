import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from './paths.js';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  sqlite: string;
}

/** The machine a run measured: figures only compare within one run on one machine. */
export function describeMachine(): Machine {
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    sqlite: `better-sqlite3 ${installedVersion('better-sqlite3')}, SQLite ${sqlite}`,
  };
}

function installedVersion(name: string): string {
  try {
    const manifest = readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8');
    return (JSON.parse(manifest) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Jiffies of /proc/<pid>/stat (USER_HZ): 100 on Linux everywhere these benches run. */
const TICKS_PER_SECOND = 100;

/**
 * The user + system CPU time a process has used so far, in ms, from /proc/<pid>/stat;
 * undefined where there is no /proc (the figure is then left out). 10 ms resolution:
 * read around seconds of work, not around one request.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces, start after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `work` and reads the CPU time process `pid` used meanwhile, in ms (undefined without /proc). */
export async function measuringCpuOf<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: number | undefined }> {
  const before = processCpuMs(pid);
  const result = await work();
  const after = processCpuMs(pid);
  return { result, cpuMs: before !== undefined && after !== undefined ? after - before : undefined };
}
