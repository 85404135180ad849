import Database from 'better-sqlite3';
import type { ChainProblem } from '../../chain/chain-problem.js';
import { migrate } from './sqlite-schema.js';

interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

/**
 * What no hash covers in the file itself: its schema and, when `thorough`, its b-trees.
 * - The schema must be exactly what this code's migrations make: a dropped trigger lets
 *   rows be edited, a redefined index expression lets a filter hide events.
 * - `PRAGMA integrity_check` finds an index whose entries no longer agree with its rows,
 *   e.g. the category index edited so that a subscription never sees some events. It reads
 *   the whole file synchronously (about 4.5 s for a million events here), so it is for
 *   `ledger verify`, not for a request the server answers while it serves others.
 */
export function checkSqliteStorage(db: Database.Database, options: { thorough: boolean }): ChainProblem | undefined {
  const altered = schemaDifference(db);
  if (altered) return { code: 'STORE.SCHEMA_ALTERED', message: altered };
  if (!options.thorough) return undefined;
  const findings = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  if (findings.length === 1 && findings[0] === 'ok') return undefined;
  const shown = findings.slice(0, 5).join('; ');
  return {
    code: 'STORE.FILE_DAMAGED',
    message: `The event store file fails SQLite's integrity check (${findings.length} findings): ${shown}${findings.length > 5 ? '; …' : ''}`,
  };
}

function schemaDifference(db: Database.Database): string | undefined {
  const expected = new Map(expectedSchema().map((o) => [`${o.type} ${o.name}`, o.sql]));
  const found = new Map(schemaOf(db).map((o) => [`${o.type} ${o.name}`, o.sql]));
  for (const [object, sql] of expected) {
    if (!found.has(object)) return `The ${object} of the event store is missing (it was dropped)`;
    if (found.get(object) !== sql) return `The ${object} of the event store is not as this code defines it: ${found.get(object)}`;
  }
  for (const object of found.keys()) {
    if (!expected.has(object)) return `The event store has a ${object} this code does not define`;
  }
  return undefined;
}

let cachedExpected: SchemaObject[] | undefined;

/** The schema a new file gets: the migrations are the one definition of it. */
function expectedSchema(): SchemaObject[] {
  if (!cachedExpected) {
    const fresh = new Database(':memory:');
    try {
      migrate(fresh);
      cachedExpected = schemaOf(fresh);
    } finally {
      fresh.close();
    }
  }
  return cachedExpected;
}

function schemaOf(db: Database.Database): SchemaObject[] {
  // Internal objects (sqlite_autoindex_…, sqlite_stat…) follow from the rest.
  return db
    .prepare<[], SchemaObject>("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();
}
