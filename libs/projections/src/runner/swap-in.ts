import type { SwapRecord } from '../bookkeeping/swap-table.js';
import type { Projection } from '../projection.js';
import { compareGenerations } from './compare-generations.js';
import { retireGeneration } from './generations.js';
import type { RunnerContext } from './runner-context.js';
import type { ShadowBuild } from './shadow-build.js';

/**
 * Makes a finished shadow the live generation: compares it with the live rows, then
 * rewrites the checkpoint row that points readers at a generation, with the swap's
 * record, in one transaction. Synchronous, like every reader's query, so no read sees the
 * swap half done. The caller has checked that the shadow may swap.
 */
export function swapIn(context: RunnerContext, build: ShadowBuild): SwapRecord {
  const { projection } = build.slot;
  const live = context.liveSlot(projection.name);
  const comparison = compareGenerations(context.db, projection.tables!, live.tables, build.slot.tables);
  const swappedAt = context.now();
  const swap: SwapRecord = {
    projection: projection.name,
    kind: build.record.kind,
    fromGeneration: live.generation,
    toGeneration: build.slot.generation,
    fromVersion: live.version,
    toVersion: build.slot.version,
    position: build.slot.position,
    requestedBy: build.record.requestedBy,
    reason: build.record.reason,
    startedAt: build.record.startedAt,
    swappedAt: swappedAt.toISOString(),
    comparison,
  };
  context.db.transaction(() => {
    context.positions.save(projection.name, build.slot.version, build.slot.position, build.slot.generation, swappedAt);
    context.rebuilds.delete(projection.name);
    context.swaps.add(swap);
  })();
  build.state = 'swapped';
  context.live.set(projection.name, build.slot);
  context.shadows.delete(projection.name);
  context.liveRates.get(projection.name)?.reset();
  // No reader uses the old generation any more. A crash before this cleanup leaves
  // orphan tables, which the next start drops.
  retireGeneration(context, projection as Projection & { tables: readonly string[] }, live.generation);
  return swap;
}
