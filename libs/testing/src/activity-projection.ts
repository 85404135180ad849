import { DEAL_EVENT_TYPES } from '#domain';
import type { Projection } from '#projections';

/**
 * One row per deal event, keyed by position: a projection whose rows can be rewound to
 * any point, hence replayed. `label.current` is read at apply time, so a test can change
 * "the code" between the first pass and a replay.
 */
export function activityProjection(label: { current: string } = { current: 'v1' }): Projection {
  return {
    name: 'activity',
    version: 1,
    handles: DEAL_EVENT_TYPES,
    tables: ['activity_rows'],
    setup: (db, t) =>
      db.exec(`CREATE TABLE IF NOT EXISTS ${t!.name('activity_rows')}
        (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, type TEXT NOT NULL, label TEXT NOT NULL) STRICT`),
    truncate: (db, t) => db.exec(`DELETE FROM ${t!.name('activity_rows')}`),
    prepare: (db, t) => {
      const insert = db.prepare(`INSERT INTO ${t!.name('activity_rows')} VALUES (?, ?, ?, ?)`);
      return (event) => insert.run(event.position, event.streamId, event.type, `${label.current}: ${event.type}`);
    },
    rewind: (db, t, position) => db.prepare(`DELETE FROM ${t!.name('activity_rows')} WHERE position > ?`).run(position),
  };
}
