import type { QuarantineRecord } from '../bookkeeping/quarantine-table.js';
import { projectionFrozen, quarantineNotFound, runnerNotRunning } from '../projection.errors.js';
import type { QuarantinedEvent, ResolutionOutcome } from '../projection-status.js';
import { resolveQuarantine, type Resolution } from './quarantine-resolution.js';
import type { OperationRequest, RunnerContext } from './runner-context.js';

/**
 * The admin's side of quarantine: the events a projection threw on (its stream's later
 * events wait behind each, other streams flow on), and retrying or skipping them.
 */
export class QuarantineDesk {
  constructor(private readonly context: RunnerContext) {}

  /** Quarantined events of `name` (live and shadow), oldest first, with how many wait behind each. */
  async quarantined(name: string): Promise<QuarantinedEvent[]> {
    const handles = new Set(this.context.projectionNamed(name).handles);
    const records = this.context.quarantine.ofProjection(name);
    return Promise.all(
      records.map(async (record) => {
        const applied = this.context.positionOfGeneration(name, record.generation);
        const later = await this.context.store.readStream(record.streamId, { fromRevision: record.revision + 1 });
        const waiting = later.filter((e) => e.position <= applied && handles.has(e.type)).length;
        return this.describe(record, waiting);
      }),
    );
  }

  /** Finds a quarantined event, or throws QUARANTINE.NOT_FOUND. */
  quarantinedEvent(name: string, id: number): QuarantineRecord {
    this.context.projectionNamed(name);
    const record = this.context.quarantine.byId(id);
    if (!record || record.projection !== name || !this.context.slotOfGeneration(name, record.generation)) {
      throw quarantineNotFound(name, id);
    }
    return record;
  }

  /** Throws the refusal a retry or skip would meet now (the runner is not feeding, or the slot is frozen). */
  checkResolution(name: string): void {
    this.context.projectionNamed(name);
    if (this.context.state !== 'running') throw runnerNotRunning(this.context.state);
  }

  /** Applies the quarantined event again (after a fix), then the events that waited behind it. */
  retry(name: string, id: number): Promise<ResolutionOutcome> {
    return this.resolve(name, id, { kind: 'retry' });
  }

  /** Leaves the quarantined event out for good (for this projection version), then applies the events behind it. */
  skip(name: string, id: number, request: Required<OperationRequest>): Promise<ResolutionOutcome> {
    return this.resolve(name, id, { kind: 'skip', skippedBy: request.requestedBy, reason: request.reason });
  }

  private async resolve(name: string, id: number, resolution: Resolution): Promise<ResolutionOutcome> {
    const { context } = this;
    this.quarantinedEvent(name, id);
    if (context.state !== 'running') throw runnerNotRunning(context.state);
    const outcome = await resolveQuarantine(
      {
        store: context.store,
        db: context.db,
        quarantine: context.quarantine,
        skips: context.skips,
        now: context.now,
        slotOf: (generation) => context.slotOfGeneration(name, generation),
        notFound: () => quarantineNotFound(name, id),
        frozen: () => projectionFrozen(name),
      },
      id,
      resolution,
    );
    // A shadow that waited on this event may now be able to swap.
    context.shadows.get(name)?.nudge();
    if (outcome.outcome === 'moved') {
      const record = context.quarantine.byId(id)!;
      return { ...outcome, quarantine: this.describe(record, 0) };
    }
    return { outcome: 'resolved', applied: outcome.applied };
  }

  private describe(record: QuarantineRecord, waiting: number): QuarantinedEvent {
    const shadow = this.context.shadows.get(record.projection);
    return {
      id: record.id,
      projection: record.projection,
      slot: shadow?.slot.generation === record.generation ? 'shadow' : 'live',
      generation: record.generation,
      streamId: record.streamId,
      position: record.position,
      revision: record.revision,
      eventId: record.eventId,
      eventType: record.eventType,
      error: record.error,
      attempts: record.attempts,
      waiting,
      quarantinedAt: record.quarantinedAt,
      lastAttemptAt: record.lastAttemptAt,
    };
  }
}
