import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.js';

export interface ChildOptions {
  /** Adds `--cpu-prof` (profiles go to bench/results/profiles). */
  cpuProf?: boolean;
}

function execArgv(options: ChildOptions): string[] {
  return options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(RESULTS_DIR, 'profiles')] : [];
}

/**
 * Runs a compiled bench script in its own process and returns the JSON it prints as its
 * last stdout line. Its own process: its peak RSS is its own, not the harness's.
 */
export async function runChild<T>(script: string, args: readonly string[], options: ChildOptions = {}): Promise<T> {
  const child = spawn(process.execPath, [...execArgv(options), script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

export interface LongRunningChild {
  process: ChildProcess;
  /** The JSON of the first stdout line, printed by the child once it is ready. */
  ready: unknown;
  stop(): Promise<void>;
}

/**
 * Starts a script that prints one JSON line when ready and runs until its stdin closes.
 * Not a signal: the HTTP app enables Nest's shutdown hooks, which re-raise signals and
 * would race the child's own orderly close.
 */
export async function startChild(script: string, args: readonly string[], options: ChildOptions = {}): Promise<LongRunningChild> {
  const child = spawn(process.execPath, [...execArgv(options), script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit');
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    exited.then(([code]) => {
      throw new Error(`${script} exited with ${code} before it was ready:\n${stderr.slice(-2000)}`);
    }),
  ]);
  return {
    process: child,
    ready: JSON.parse(first),
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
