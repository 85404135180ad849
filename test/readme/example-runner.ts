import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../support/cli.js';
import { showsExpectedOutput } from './expected-output.js';
import type { ShellExample, ShellStep } from './markdown-examples.js';

/**
 * What the run's directory links from the checkout: what a fresh clone holds (git's tracked
 * entries) and the build. Not `data`, so the ledger starts fresh; not `node_modules`, so that no
 * example (an `npm ci`) can empty the checkout's (the built code finds it from its real path);
 * not the files a reader's own run of the README left in the checkout (an example writing
 * `revision.json` must not write through a link into the checkout).
 */
function entriesOfAFreshClone(repositoryRoot: string): string[] {
  const tracked = spawnSync('git', ['ls-tree', '--name-only', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' });
  if (tracked.status !== 0) throw new Error(`git ls-tree failed in ${repositoryRoot}: ${tracked.stderr}`);
  return [...tracked.stdout.split('\n').filter((entry) => entry && !entry.startsWith('.')), 'dist'];
}

/** The address the documents use; the runner serves on a free port and reads this as that port. */
const DOCUMENTED_ADDRESS = '127.0.0.1:3000';

/** The commands the documents' examples use, besides the ledger's own. */
const TOOLS = ['bash', 'curl', 'jq', 'pgrep'];

/** Why the examples cannot run on this machine, if they cannot (`.ci/run` installs what is missing). */
function examplesSkipReason(): string | undefined {
  const missing = TOOLS.filter((tool) => spawnSync('bash', ['-c', `command -v ${tool}`]).status !== 0);
  return missing.length > 0 ? `${missing.join(', ')} missing (Debian's ${missing.includes('pgrep') ? 'procps, ' : ''}curl and jq packages; .ci/run installs them when it can)` : undefined;
}

/** `describe` where the examples can run; elsewhere `describe.skip`, with the reason printed once. */
export function describeWhereExamplesRun(): jest.Describe {
  const reason = examplesSkipReason();
  if (reason) console.log(`README examples skipped: ${reason}`);
  return reason ? describe.skip : describe;
}

export type StepOutcome =
  | { kind: 'passed' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; why: string; output: string };

export interface StepResult {
  example: ShellExample;
  step: ShellStep;
  outcome: StepOutcome;
  /** The run's directory, kept when a step failed (removed otherwise). */
  runDirectory: string;
}

/** A command still running after this long is stopped, and the run goes on with the next. */
const STEP_TIMEOUT_SECONDS = 90;

export interface RunOptions {
  /** Where the run's directory (the ledger's data, files the examples write) goes; a new temp directory by default. */
  workDir?: string;
  /** The whole run is stopped after this long, and the step it was in named. */
  timeoutMs?: number;
}

/**
 * Runs the examples in order, in one bash, in a directory that looks like a fresh clone after
 * `npm ci` and the build (every entry of the checkout linked, but no `data/`), against the
 * built `ledger serve` started there on a fresh data directory, as `npm start` would.
 */
export async function runExamples(examples: ShellExample[], repositoryRoot: string, options: RunOptions = {}): Promise<StepResult[]> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'ledger-readme-'));
  for (const entry of entriesOfAFreshClone(repositoryRoot)) {
    if (!existsSync(join(workDir, entry))) symlinkSync(join(repositoryRoot, entry), join(workDir, entry));
  }
  const outputDir = join(workDir, '.readme-run');
  mkdirSync(outputDir);
  const port = await freePort();
  const script = join(outputDir, 'examples.sh');
  writeFileSync(script, scriptOf(examples, port));
  const finished = await runBash(script, workDir, outputDir, port, options.timeoutMs ?? 300_000);

  const results: StepResult[] = [];
  const push = (example: ShellExample, step: ShellStep, outcome: StepOutcome) => results.push({ example, step, outcome, runDirectory: workDir });
  let unfinishedNamed = false;
  examples.forEach((example, exampleIndex) =>
    example.steps.forEach((step, stepIndex) => {
      const id = `${exampleIndex}-${stepIndex}`;
      if (example.skip !== undefined) return push(example, step, { kind: 'skipped', reason: example.skip });
      const rcFile = join(outputDir, `${id}.rc`);
      const output = readIfThere(join(outputDir, `${id}.out`));
      if (!existsSync(rcFile)) {
        const why = unfinishedNamed ? 'not run: the run stopped before it' : finished.why;
        unfinishedNamed = true;
        return push(example, step, { kind: 'failed', why, output });
      }
      const status = Number(readFileSync(rcFile, 'utf8'));
      const stopped = existsSync(join(outputDir, `${id}.stopped`));
      if (stopped && example.stoppedAfterSeconds === undefined) {
        return push(example, step, { kind: 'failed', why: `did not finish within ${STEP_TIMEOUT_SECONDS} s: stopped`, output });
      }
      if (status !== 0 && !stopped) return push(example, step, { kind: 'failed', why: `exited ${status}`, output });
      if (!showsExpectedOutput(output, step.expected)) {
        return push(example, step, { kind: 'failed', why: 'its output does not show what the document shows', output });
      }
      push(example, step, { kind: 'passed' });
    }),
  );
  // It holds the ledger's signing key and an admin key: kept only for a reader to look into a failure.
  if (options.workDir === undefined && !results.some((result) => result.outcome.kind === 'failed')) rmSync(workDir, { recursive: true, force: true });
  return results;
}

/** A failure as a reader fixing the document needs it: where, what ran, what came out, what was shown. */
export function describeFailure(result: StepResult): string {
  if (result.outcome.kind !== 'failed') return '';
  const indent = (text: string) => text.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
  return [
    `${result.example.file}:${result.step.line}: ${result.outcome.why}`,
    indent(result.step.command),
    '  output:',
    indent(result.outcome.output.length > 4000 ? `${result.outcome.output.slice(0, 4000)}\n[… ${result.outcome.output.length - 4000} more characters]` : result.outcome.output || '(none)'),
    ...(result.step.expected.length > 0 ? ['  the document shows:', indent(result.step.expected.join('\n'))] : []),
    `  (the run's directory is kept: ${result.runDirectory})`,
  ].join('\n');
}

function scriptOf(examples: ShellExample[], port: number): string {
  const lines = [
    // A pipeline fails when any of its commands does (a failing curl before jq is a failure);
    // job control gives each command its own process group, for the watchdog to stop whole.
    'set -o pipefail -m',
    // A curl whose output the document does not show must at least not be refused (4xx/5xx).
    'curl_failing_on_refusal() { command curl --fail-with-body "$@"; }',
    'ledger_start() {',
    '  node "$LEDGER_CLI" serve >> "$LEDGER_OUTPUT/server.log" 2>&1 &',
    '  LEDGER_SERVER_PID=$!',
    '  for _ in $(seq 1 600); do',
    `    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:${port}/health/ready)" = 200 ] && return 0`,
    '    kill -0 "$LEDGER_SERVER_PID" 2>/dev/null || return 1',
    '    sleep 0.1',
    '  done',
    '  return 1',
    '}',
    // Only the script's own shell stops the ledger: a subshell killed before it has reset the
    // traps it inherited (a watchdog disarmed at once) would otherwise run the EXIT trap too.
    'ledger_stop() { [ "$BASHPID" = "$$" ] || return 0; kill -TERM "$LEDGER_SERVER_PID" 2>/dev/null; wait "$LEDGER_SERVER_PID" 2>/dev/null; }',
    // Stops what a step started (this shell's children but the ledger and itself) after $1 seconds, and notes it in $2.
    // step_done disarms it by killing its whole process group (its own, by job control): the
    // subshell and its sleep together, even if the sleep has not started yet.
    'step_watchdog() {',
    '  ( sleep "$1" && { echo stopped > "$2"',
    '    for pid in $(pgrep -P $$); do [ "$pid" != "$LEDGER_SERVER_PID" ] && [ "$pid" != "$BASHPID" ] && kill -TERM -- "-$pid" 2>/dev/null; done; } ) &',
    '  STEP_WATCHDOG=$!',
    '}',
    'step_done() { kill -TERM -- "-$STEP_WATCHDOG" 2>/dev/null; wait "$STEP_WATCHDOG" 2>/dev/null; }',
    'trap ledger_stop EXIT',
    'ledger_start || { echo "the ledger did not start: $(tail -n 20 "$LEDGER_OUTPUT/server.log")" > "$LEDGER_OUTPUT/stopped"; exit 3; }',
  ];
  examples.forEach((example, exampleIndex) => {
    if (example.skip !== undefined) return;
    if (example.serverStopped) lines.push('ledger_stop');
    example.steps.forEach((step, stepIndex) => {
      const id = `${exampleIndex}-${stepIndex}`;
      const shown = step.expected.length > 0;
      lines.push(
        `step_watchdog ${example.stoppedAfterSeconds ?? STEP_TIMEOUT_SECONDS} "$LEDGER_OUTPUT/${id}.stopped"`,
        ...(shown ? [] : ['curl() { curl_failing_on_refusal "$@"; }']),
        '{',
        step.command.replaceAll(DOCUMENTED_ADDRESS, `127.0.0.1:${port}`),
        `} > "$LEDGER_OUTPUT/${id}.out" 2>&1 < /dev/null`,
        `echo $? > "$LEDGER_OUTPUT/${id}.rc"`,
        ...(shown ? [] : ['unset -f curl']),
        'step_done',
      );
    });
    if (example.serverStopped) {
      lines.push('ledger_start || { echo "the ledger did not start again: $(tail -n 20 "$LEDGER_OUTPUT/server.log")" > "$LEDGER_OUTPUT/stopped"; exit 3; }');
    }
  });
  return `${lines.join('\n')}\n`;
}

async function runBash(script: string, workDir: string, outputDir: string, port: number, timeoutMs: number): Promise<{ why: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('LEDGER_') || name.startsWith('KURRENTDB_')) delete env[name];
  Object.assign(env, {
    LEDGER_CLI: cliPath(),
    LEDGER_OUTPUT: outputDir,
    PORT: String(port),
    NO_COLOR: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
  });
  const child = spawn('bash', [script], { cwd: workDir, env, detached: true, stdio: 'ignore' });
  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGTERM');
      resolve(true);
    }, timeoutMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (timedOut) return { why: `did not finish: the whole run was stopped after ${timeoutMs / 1000} s` };
  return { why: readIfThere(join(outputDir, 'stopped')).trim() || 'not run: the run ended before it' };
}

function readIfThere(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
