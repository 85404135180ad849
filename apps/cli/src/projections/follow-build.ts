import { Presets, SingleBar } from 'cli-progress';
import type { OperationView, ProjectionView, ProjectionsClient, SwapView } from './projections-client.js';
import { ProjectionsCommandError } from './projections-client.js';

export interface FollowOptions {
  json?: boolean;
  intervalMs: number;
}

/**
 * Polls the projection's status until its build is swapped in, showing position / head,
 * events/s and ETA: a progress bar on a terminal, JSON lines with --json, a line every
 * few seconds otherwise. Returns the swap (with its comparison report).
 */
export async function followBuild(
  client: ProjectionsClient,
  operation: OperationView,
  options: FollowOptions,
): Promise<SwapView> {
  const bar =
    !options.json && process.stderr.isTTY
      ? new SingleBar(
          {
            format: `${operation.projection} ${operation.kind} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {etaText}`,
            hideCursor: true,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(1, 0, { rate: 0, etaText: '…' });
  let lastLine = 0;
  let stallNoticed = false;
  try {
    for (;;) {
      const status = await client.status(operation.projection);
      const build = status.build;
      if (!build || build.generation !== operation.generation) return swapOf(status, operation);
      if (build.state === 'faulted') {
        throw new ProjectionsCommandError('PROJECTION.BUILD_FAULTED', build.lastError?.message ?? 'the build faulted');
      }
      const progress = {
        type: 'progress',
        projection: operation.projection,
        kind: operation.kind,
        state: build.state,
        position: build.position,
        head: build.head,
        done: build.done,
        total: build.total,
        eventsPerSecond: build.eventsPerSecond,
        etaSeconds: build.etaSeconds,
      };
      if (options.json) {
        console.log(JSON.stringify(progress));
      } else if (bar) {
        bar.setTotal(Math.max(1, build.total));
        bar.update(build.done, { rate: build.eventsPerSecond.toLocaleString('en'), etaText: eta(build.etaSeconds) });
      } else if (Date.now() - lastLine >= 2_000) {
        lastLine = Date.now();
        console.error(
          `${operation.projection} ${operation.kind}: ${build.done}/${build.total} events, ${build.eventsPerSecond} events/s, ETA ${eta(build.etaSeconds)}`,
        );
      }
      if (build.state === 'stalled') {
        if (!client.waitsOnStall) {
          throw new ProjectionsCommandError(
            'PROJECTION.BUILD_STALLED',
            `the ${operation.kind} waits on ${build.quarantined} quarantined event(s). Start the server and retry or skip them ` +
              `(GET /admin/projections/${operation.projection}/quarantine); the ${operation.kind} resumes from its checkpoint`,
          );
        }
        if (!stallNoticed && !options.json) {
          stallNoticed = true;
          bar?.stop();
          console.error(
            `${operation.projection}: waiting on ${build.quarantined} quarantined event(s): see GET /admin/projections/${operation.projection}/quarantine`,
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
  } finally {
    bar?.stop();
  }
}

function swapOf(status: ProjectionView, operation: OperationView): SwapView {
  const swap = status.lastSwap;
  if (!swap || swap.toGeneration !== operation.generation) {
    throw new ProjectionsCommandError('PROJECTION.BUILD_ABANDONED', `the ${operation.kind} of ${operation.projection} ended without a swap`);
  }
  return swap;
}

function eta(seconds: number | null): string {
  if (seconds === null) return '…';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
