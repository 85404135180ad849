import type { ComparisonReport, RebuildKind } from '#projections';
import type { LegalHoldEvent } from '../records/legal-hold-events.js';

/** The category of admin streams: operations get an audit trail like facts do. */
export const ADMIN_CATEGORY = 'admin';

export type AdminArea = 'projections' | 'components' | 'holds';

/** The only place an admin stream name is built: `admin-projections`, `admin-components`, `admin-holds`. */
export function adminStreamName(area: AdminArea): string {
  return `${ADMIN_CATEGORY}-${area}`;
}

/** How the swap changed each table, without the sample keys (those stay in the status). */
export interface SwapSummary {
  differences: number;
  tables: { table: string; added: number; removed: number; changed: number; columnsAdded: string[]; columnsRemoved: string[] }[];
}

/**
 * Events of the `admin-projections` stream, with explicit, versioned wire names. The
 * actor in each event's metadata is who did it; `reason` is why.
 */
export type ProjectionAdminEvent =
  | {
      type: 'ProjectionRebuildRequested.v1';
      data: { projection: string; version: number; servedVersion: number; reason: string | null };
    }
  | {
      type: 'ProjectionReplayRequested.v1';
      data: { projection: string; version: number; fromPosition: number; fromTime: string | null; reason: string | null };
    }
  | {
      type: 'ProjectionRebuiltInPlace.v1';
      data: { projection: string; fromVersion: number; toVersion: number; reason: string };
    }
  | {
      type: 'ProjectionSwapped.v1';
      data: {
        projection: string;
        kind: RebuildKind;
        fromGeneration: number;
        toGeneration: number;
        fromVersion: number;
        toVersion: number;
        position: number;
        requestedBy: string;
        startedAt: string;
        comparison: SwapSummary;
      };
    }
  | {
      type: 'QuarantinedEventRetried.v1' | 'QuarantinedEventSkipped.v1';
      data: {
        projection: string;
        quarantineId: number;
        streamId: string;
        position: number;
        eventId: string;
        eventType: string;
        error: string;
        reason: string | null;
      };
    };

export type ProjectionAdminEventType = ProjectionAdminEvent['type'];

/**
 * Events of the `admin-components` stream: an admin told the parts that follow the log
 * (projections, log tree, event feed…) that were not running to start again now.
 */
export type ComponentAdminEvent = {
  type: 'ComponentsRetried.v1';
  data: { components: { component: string; state: string; failure: string | null }[]; reason: string | null };
};

/** Any event of an admin stream (legal holds: records/legal-hold-events.ts). */
export type AdminEvent = ProjectionAdminEvent | ComponentAdminEvent | LegalHoldEvent;

export function summarizeComparison(comparison: ComparisonReport): SwapSummary {
  return {
    differences: comparison.differences,
    tables: comparison.tables.map(({ table, added, removed, changed, columnsAdded, columnsRemoved }) => ({
      table,
      added,
      removed,
      changed,
      columnsAdded,
      columnsRemoved,
    })),
  };
}
