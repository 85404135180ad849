import type { EventStore } from '#event-store';
import type { ProjectionAdmin } from '../../admin/projection-admin.js';
import { disposeRecords, type DisposalOutcome, type DisposeRecordsRequest } from './dispose-records.js';
import type { LegalHoldsInForce } from '../legal-hold.js';
import { retentionReport, type RetentionReport } from './retention-report.js';
import type { RetentionSchedule } from './retention-schedule.js';

/** A projection as retention needs to know it: which event types give it rows. */
export interface FedProjection {
  name: string;
  handles: readonly string[];
}

export interface ServerDisposalOutcome extends DisposalOutcome {
  /** The projections rebuilt without the emptied events (started; each swaps in when built), or why one was not. */
  rebuilds: { projection: string; started: boolean; refused?: string }[];
}

/**
 * Retention for a running ledger (the admin HTTP routes): the report at the ledger's clock,
 * and disposal followed by a rebuild of every projection the emptied events fed, so that no
 * read model keeps what was disposed of.
 */
export class RetentionAdmin {
  constructor(
    private readonly store: EventStore,
    private readonly schedule: RetentionSchedule,
    private readonly holds: LegalHoldsInForce,
    private readonly clock: () => Date,
    private readonly projections: ProjectionAdmin,
    private readonly fed: readonly FedProjection[],
    /** Run after a disposal: what else must forget what it emptied (the personal-data vault its names). */
    private readonly afterDisposal: () => Promise<unknown> = async () => undefined,
  ) {}

  report(): Promise<RetentionReport> {
    return retentionReport(this.store, this.schedule, this.holds, this.clock());
  }

  async dispose(request: Pick<DisposeRecordsRequest, 'reason' | 'dryRun' | 'categories' | 'records'>, actor: string): Promise<ServerDisposalOutcome> {
    const outcome = await disposeRecords(this.store, { ...request, actor, now: this.clock(), schedule: this.schedule, holds: this.holds });
    if (outcome.dryRun || outcome.disposals.length === 0) return { ...outcome, rebuilds: [] };
    await this.afterDisposal();
    const types = new Set(outcome.disposed.map((d) => d.type));
    const reason = `Disposal ${outcome.disposals.map((d) => d.disposalEventId).join(', ')}: drop the rows of the events it emptied`;
    const rebuilds: ServerDisposalOutcome['rebuilds'] = [];
    for (const { name } of this.fed.filter((p) => p.handles.some((type) => types.has(type)))) {
      try {
        await this.projections.rebuild(name, actor, reason);
        rebuilds.push({ projection: name, started: true });
      } catch (error) {
        // The disposal stands; the admin rebuilds this one once what refused it has passed.
        rebuilds.push({ projection: name, started: false, refused: (error as { code?: string }).code ?? String(error) });
      }
    }
    return { ...outcome, rebuilds };
  }
}
