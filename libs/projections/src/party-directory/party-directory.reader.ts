import type { Database, Statement } from 'better-sqlite3';
import { nameInEffectAt, type DatedName, type PartyKind } from '#domain';
import { keysetPage } from '../keyset-page.js';
import { LiveStatements } from '../live-tables.js';
import { foldedForSearch, partyDirectoryProjection } from './party-directory.projection.js';
import type { PartyDirectoryEntry, PartyDirectoryFilter, PartyDirectoryPage } from './party-directory.views.js';

interface PartyRow {
  party_id: string;
  kind: string;
  country: string | null;
  lei: string | null;
  names: string;
  aliases: string;
  registered_at: string;
  updated_at: string;
  revision: number;
  position: number;
}

interface ReaderStatements {
  list: Statement<[{ name: string | null; lei: string | null; after: string; limit: number }], PartyRow>;
}

/** Reads the party directory, on the live generation of its tables (as DealStateReader does). */
export class PartyDirectoryReader {
  private readonly statements: LiveStatements<ReaderStatements>;

  constructor(db: Database) {
    this.statements = new LiveStatements(db, partyDirectoryProjection.name, (t) => ({
      list: db.prepare(`SELECT p.* FROM ${t('party_directory')} p
        WHERE (@lei IS NULL OR p.lei = @lei)
          AND (@name IS NULL OR EXISTS
            (SELECT 1 FROM ${t('party_directory_names')} n WHERE n.party_id = p.party_id AND instr(n.folded_name, @name) > 0))
          AND p.party_id > @after
        ORDER BY p.party_id
        LIMIT @limit`),
    }));
  }

  listParties(filter: PartyDirectoryFilter): PartyDirectoryPage {
    const rows = this.statements.current().list.all({
      name: filter.name === undefined ? null : foldedForSearch(filter.name),
      lei: filter.lei ?? null,
      after: filter.after ?? '',
      limit: filter.limit + 1,
    });
    return keysetPage(rows, filter.limit, toEntry, (party) => party.partyId);
  }
}

function toEntry(row: PartyRow): PartyDirectoryEntry {
  const names = JSON.parse(row.names) as DatedName[];
  const name = nameInEffectAt(names);
  return {
    partyId: row.party_id,
    name,
    kind: row.kind as PartyKind,
    ...(row.country !== null ? { country: row.country } : {}),
    ...(row.lei !== null ? { lei: row.lei } : {}),
    aliases: JSON.parse(row.aliases),
    otherNames: [...new Set(names.map((entry) => entry.name))].filter((other) => other !== name),
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    position: row.position,
  };
}
