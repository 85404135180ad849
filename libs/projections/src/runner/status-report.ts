import type { RebuildRecord } from '../bookkeeping/rebuild-table.js';
import type { SwapRecord } from '../bookkeeping/swap-table.js';
import type { BuildStatus, ErrorStatus, ProjectionState, ProjectionStatus } from '../projection-status.js';
import { supportsBlueGreen, type Projection } from '../projection.js';

/** What the runner knows of one projection at one moment, in memory and in its tables. */
export interface StatusFacts {
  projection: Projection;
  head: number;
  runner: 'stopped' | 'running' | 'faulted';
  runnerError?: ErrorStatus;
  generation: number;
  checkpoint: number;
  servedVersion: number;
  quarantined: number;
  /** Seconds since the oldest event the served rows lack was recorded. */
  secondsBehind: number;
  eventsPerSecond: number;
  lastError?: ErrorStatus;
  lastSwap?: SwapRecord;
  build?: {
    record: RebuildRecord;
    position: number;
    quarantined: number;
    eventsPerSecond: number;
    faulted: boolean;
    lastError?: ErrorStatus;
  };
}

/** The status admins see, from the facts: state, lag, rates, build progress with its ETA. */
export function statusReport(facts: StatusFacts): ProjectionStatus {
  const { projection, head, checkpoint } = facts;
  const build = facts.build && buildReport(facts.build, head);
  const lagEvents = Math.max(0, head - checkpoint);
  const lastError = facts.runner === 'faulted' ? facts.runnerError : facts.lastError;
  return {
    name: projection.name,
    version: projection.version,
    servedVersion: facts.servedVersion,
    generation: facts.generation,
    state: stateOf(facts.runner, build, facts.quarantined, lagEvents),
    checkpoint,
    head,
    lag: { events: lagEvents, seconds: lagEvents > 0 ? facts.secondsBehind : 0 },
    eventsPerSecond: Math.round(facts.eventsPerSecond),
    quarantined: facts.quarantined,
    ...(lastError ? { lastError } : {}),
    blueGreen: supportsBlueGreen(projection),
    replayable: supportsBlueGreen(projection) && projection.rewind !== undefined,
    ...(build ? { build } : {}),
    ...(facts.lastSwap ? { lastSwap: facts.lastSwap } : {}),
  };
}

function stateOf(runner: StatusFacts['runner'], build: BuildStatus | undefined, quarantined: number, lag: number): ProjectionState {
  if (runner === 'faulted' || build?.state === 'faulted') return 'faulted';
  if (runner === 'stopped') return 'stopped';
  if (quarantined > 0 || build?.state === 'stalled') return 'stalled';
  if (build) return 'rebuilding';
  return lag > 0 ? 'catching_up' : 'running';
}

function buildReport(build: NonNullable<StatusFacts['build']>, head: number): BuildStatus {
  const { record, position, eventsPerSecond: rate } = build;
  const state = build.faulted ? 'faulted' : build.quarantined > 0 ? 'stalled' : 'building';
  return {
    kind: record.kind,
    state,
    version: record.version,
    generation: record.generation,
    from: record.fromPosition,
    position,
    head,
    done: Math.max(0, position - record.fromPosition),
    total: Math.max(0, Math.max(head, position) - record.fromPosition),
    eventsPerSecond: Math.round(rate),
    etaSeconds: state === 'building' && rate > 0 ? Math.max(0, head - position) / rate : null,
    quarantined: build.quarantined,
    startedAt: record.startedAt,
    requestedBy: record.requestedBy,
    reason: record.reason,
    ...(build.lastError ? { lastError: build.lastError } : {}),
  };
}
