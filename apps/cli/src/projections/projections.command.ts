import type { Command } from 'commander';
import { isIsoTimestamp } from '#domain';
import { connectProjections, type ConnectOptions } from './connect.js';
import { followBuild } from './follow-build.js';
import { formatList, formatSwap } from './format.js';
import { ProjectionsCommandError, type OperationView, type ProjectionsClient, type ReplayFrom } from './projections-client.js';

interface CommonOptions extends ConnectOptions {
  json?: boolean;
  interval?: string;
}

/** `ledger projections list | rebuild <name> | replay <name>` */
export function registerProjectionCommands(program: Command): void {
  const projections = program
    .command('projections')
    .description('read-model status, rebuilds without downtime and replays (via a running server, or on the data directory)');
  const common = (command: Command) =>
    command
      .option('--url <url>', 'a running server (default: the data directory, or http://HOST:PORT if a server holds it)')
      .option('--key <key>', 'an API key with the admin role, for the server (default: LEDGER_API_KEY or <data dir>/local-api-key)')
      .option('--json', 'JSON output (one line per progress update)');

  common(projections.command('list').description('every projection: state, checkpoint, head, lag, events/s, rebuild progress')).action(
    (options: CommonOptions) => run(options, false, async (client) => {
      const list = await client.list();
      console.log(options.json ? JSON.stringify({ projections: list }) : formatList(list, client.source));
    }),
  );

  common(
    projections
      .command('rebuild')
      .description('build a projection anew beside its live tables and swap it in; readers are served throughout')
      .argument('<name>', 'the projection, e.g. deal-state')
      .option('--reason <text>', 'why (recorded in the admin-projections stream)')
      .option('--actor <name>', 'who, when working on the data directory (default: cli:<user>)')
      .option('--interval <ms>', 'how often to show progress', '500'),
  ).action((name: string, options: CommonOptions & { reason?: string }) =>
    run(options, true, async (client) => {
      const operation = await startOrFollow(client, name, options, () => client.rebuild(name, options.reason));
      await finish(client, operation, options);
    }),
  );

  common(
    projections
      .command('replay')
      .description('reprocess the events after a position, or since a time, for a projection that can rewind its rows')
      .argument('<name>', 'the projection')
      .option('--from <position>', 'reprocess the events after this position (a cursor)')
      .option('--since <time>', 'reprocess the events recorded at or after this ISO-8601 time')
      .option('--reason <text>', 'why (recorded in the admin-projections stream)')
      .option('--actor <name>', 'who, when working on the data directory (default: cli:<user>)')
      .option('--interval <ms>', 'how often to show progress', '500'),
  ).action((name: string, options: CommonOptions & { reason?: string; from?: string; since?: string }) =>
    run(options, true, async (client) => {
      const start = replayFrom(options);
      const operation = await startOrFollow(client, name, options, () => client.replay(name, start, options.reason));
      await finish(client, operation, options);
    }),
  );
}

/**
 * Rebuilds each projection in turn, via a running server or on the data directory as
 * `ledger projections rebuild` does, following each to its swap (after a disposal: the
 * rows its emptied events gave go). Refusals are printed and make the exit code 1.
 */
export async function rebuildProjections(names: readonly string[], reason: string, options: CommonOptions = {}): Promise<void> {
  await run(options, true, async (client) => {
    for (const name of names) {
      const operation = await startOrFollow(client, name, options, () => client.rebuild(name, reason));
      await finish(client, operation, options);
    }
  });
}

/** A build already under way (e.g. resumed after a crash) is followed, not started again. */
async function startOrFollow(
  client: ProjectionsClient,
  name: string,
  options: CommonOptions,
  start: () => Promise<OperationView>,
): Promise<OperationView> {
  const { build } = await client.status(name);
  if (!build || build.state === 'faulted') return start();
  const operation: OperationView = {
    kind: build.kind,
    projection: name,
    version: build.version,
    generation: build.generation,
    from: build.from,
    requestedBy: build.requestedBy,
    reason: build.reason,
    startedAt: build.startedAt,
  };
  if (options.json) console.log(JSON.stringify({ type: 'resumed', ...operation, position: build.position, done: build.done }));
  else console.error(`${name}: following the ${build.kind} started at ${build.startedAt} by ${build.requestedBy} (${build.done}/${build.total} events)`);
  return operation;
}

async function finish(client: ProjectionsClient, operation: OperationView, options: CommonOptions): Promise<void> {
  if (options.json) console.log(JSON.stringify({ type: 'started', ...operation }));
  const intervalMs = Number(options.interval ?? 500);
  const swap = await followBuild(client, operation, { json: options.json, intervalMs: Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : 500 });
  console.log(options.json ? JSON.stringify({ type: 'swapped', projection: operation.projection, ...swap }) : formatSwap(operation.projection, swap));
}

function replayFrom(options: { from?: string; since?: string }): ReplayFrom {
  if ((options.from === undefined) === (options.since === undefined)) {
    throw new ProjectionsCommandError('REQUEST.VALIDATION_FAILED', 'give exactly one of --from <position> and --since <time>');
  }
  if (options.from !== undefined) {
    if (!/^\d{1,16}$/.test(options.from)) throw new ProjectionsCommandError('REQUEST.INVALID_CURSOR', '--from must be a position (cursor)');
    return { fromPosition: options.from };
  }
  if (!isIsoTimestamp(options.since)) {
    throw new ProjectionsCommandError('TIME.INVALID_TIMESTAMP', '--since must be an ISO-8601 date or date-time with a zone');
  }
  return { fromTime: options.since! };
}

/** Exit codes: 0 done, 1 refused or failed (code and message on stderr). */
async function run(options: CommonOptions, feed: boolean, work: (client: ProjectionsClient) => Promise<void>): Promise<void> {
  let client: ProjectionsClient | undefined;
  try {
    client = await connectProjections(options, feed);
    await work(client);
  } catch (error) {
    if (!(error instanceof ProjectionsCommandError)) throw error;
    if (options.json) console.log(JSON.stringify({ type: 'error', code: error.code, message: error.message }));
    console.error(`ledger: ${error.code}: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await client?.close();
  }
}
