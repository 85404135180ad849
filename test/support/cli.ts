import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** The built `ledger` command; `npm test` builds before Jest runs. */
export function cliPath(): string {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  return CLI;
}

export function runCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath(), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built `ledger` command in a child process, without blocking: independent runs can go side by side. */
export function runCliAsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts `ledger serve` on a free port and resolves once it prints its URL. */
export function startServe(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [cliPath(), 'serve'], { env: { ...process.env, PORT: '0', ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Deal Ledger on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** GET a JSON body (typed loosely: tests assert on its shape), with `key` as the bearer credential when given. */
export async function getJson(url: string, key?: string): Promise<any> {
  return (await fetch(url, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } })).json();
}

/** The admin key `ledger serve` writes on its first start in a data directory. */
export function localApiKey(dataDir: string): string {
  return readFileSync(join(dataDir, 'local-api-key'), 'utf8').trim();
}

/** Polls until the server has signed a checkpoint of at least `size` events; resolves with its note. */
export async function waitForCheckpoint(url: string, key: string, size: number, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/audit/checkpoints/latest`, { headers: { Authorization: `Bearer ${key}` } });
    if (response.ok) {
      const note = await response.text();
      if (Number(note.split('\n')[1]) >= size) return note;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no checkpoint of ${size} events was signed in ${timeoutMs} ms`);
}

/** The ledger's verifier key, as `ledger serve` prints it at start. */
export function ledgerKeyPrinted(serveOutput: string): string {
  const match = /Ledger key \(give it to auditors and witnesses by another channel\): ([^\s"]+)/.exec(serveOutput);
  if (!match) throw new Error(`serve did not print its ledger key:\n${serveOutput}`);
  return match[1]!;
}
