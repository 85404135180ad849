import { supportsBlueGreen, type Projection } from '../projection.js';
import { tableSet } from '../table-set.js';
import { discardShadowGeneration, dropOrphanGenerations } from './generations.js';
import { RateMeter } from './rate-meter.js';
import type { Rebuilds } from './rebuilds.js';
import type { RunnerContext, RunnerOperation } from './runner-context.js';

/**
 * Prepares a projection's live slot at start, and its build in progress if any (not
 * started); returns what it did on its own. A projection whose code version differs from
 * its rows' is rebuilt: beside the live rows, which keep serving frozen, when it declares
 * its tables; in place otherwise.
 */
export function openProjection(context: RunnerContext, rebuilds: Rebuilds, projection: Projection): RunnerOperation[] {
  const { name } = projection;
  const { db, positions, quarantine } = context;
  const operations: RunnerOperation[] = [];
  const blueGreen = supportsBlueGreen(projection);
  const saved = positions.get(name);
  let record = context.rebuilds.get(name);
  if (record && (!blueGreen || record.version !== projection.version)) {
    // Built for another version of the code: nothing in it can be kept.
    discardShadowGeneration(context, projection, record);
    record = undefined;
  }

  const generation = saved?.generation ?? 0;
  let servedVersion = saved?.version ?? projection.version;
  let checkpoint = saved?.position ?? 0;
  let frozen = false;
  if (saved && saved.version !== projection.version) {
    if (blueGreen) {
      // The live rows keep serving, frozen (this code cannot apply the old version),
      // while the new version is built beside them.
      frozen = true;
      if (!record) {
        record = rebuilds.createShadow(projection, {
          kind: 'rebuild',
          fromPosition: 0,
          requestedBy: 'system:start-up',
          reason: `version ${saved.version} → ${projection.version}`,
        });
        operations.push({ type: 'rebuild-started', record, servedVersion });
      }
    } else {
      // Without declared tables there is nowhere to build beside the live rows.
      const tables = tableSet(generation);
      db.transaction(() => {
        projection.setup(db, tables);
        projection.truncate(db, tables);
        quarantine.deleteGeneration(name, generation);
        positions.save(name, projection.version, 0, generation, context.now());
      })();
      operations.push({ type: 'rebuilt-in-place', projection: name, fromVersion: saved.version, toVersion: projection.version });
      servedVersion = projection.version;
      checkpoint = 0;
    }
  }
  if (!frozen) projection.setup(db, tableSet(generation));
  context.live.set(name, context.slot(projection, generation, servedVersion, checkpoint, frozen));
  context.liveRates.set(name, new RateMeter());
  if (record) context.shadows.set(name, rebuilds.shadowFor(projection, record));
  if (blueGreen) dropOrphanGenerations(context, projection, [generation, ...(record ? [record.generation] : [])]);
  return operations;
}
