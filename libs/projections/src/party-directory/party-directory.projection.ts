import type { Database } from 'better-sqlite3';
import { PARTY_EVENT_TYPES, fromStoredPartyEvent, partyIdFromStreamName, type DatedName } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';
import { json } from '../row-columns.js';
import { tableSet, type TableSet } from '../table-set.js';
import { PARTY_DIRECTORY_TABLES, createPartyDirectoryTables, truncatePartyDirectoryTables } from './party-directory.schema.js';

/** A name as the search compares it: any case, in any script (SQLite's lower() folds ASCII only). */
export const foldedForSearch = (name: string): string => name.toLowerCase();

/** Every registered party with its names, LEI and country: what `GET /parties` searches. */
export const partyDirectoryProjection: Projection = {
  name: 'party-directory',
  version: 1,
  handles: PARTY_EVENT_TYPES,
  tables: PARTY_DIRECTORY_TABLES,
  setup: createPartyDirectoryTables,
  truncate: truncatePartyDirectoryTables,
  prepare(db: Database, tables: TableSet = tableSet(0)) {
    const directory = tables.name('party_directory');
    const insertParty = db.prepare(`INSERT INTO ${directory}
      (party_id, kind, country, lei, names, aliases, registered_at, updated_at, revision, position)
      VALUES (@partyId, @kind, @country, @lei, @names, '[]', @recordedAt, @recordedAt, @revision, @position)`);
    const listsOf = db.prepare<[string], { names: string; aliases: string }>(`SELECT names, aliases FROM ${directory} WHERE party_id = ?`);
    const touch = db.prepare(`UPDATE ${directory} SET updated_at = @recordedAt, revision = @revision, position = @position WHERE party_id = @partyId`);
    const setNames = db.prepare(`UPDATE ${directory} SET names = ? WHERE party_id = ?`);
    const setAliases = db.prepare(`UPDATE ${directory} SET aliases = ? WHERE party_id = ?`);
    const insertName = db.prepare(`INSERT OR IGNORE INTO ${tables.name('party_directory_names')} (party_id, folded_name) VALUES (?, ?)`);
    const knownBy = (partyId: string, name: string) => insertName.run(partyId, foldedForSearch(name));

    return (recorded: RecordedEvent) => {
      const partyId = partyIdFromStreamName(recorded.streamId);
      const event = fromStoredPartyEvent(recorded.type, recorded.data);
      if (partyId === undefined || event === undefined) return;
      const at = { partyId, recordedAt: recorded.recordedAt, revision: recorded.revision, position: recorded.position };
      if (event.type === 'PartyRegistered.v1') {
        const { name, kind, country, lei } = event.data;
        insertParty.run({ ...at, kind, country: country ?? null, lei: lei ?? null, names: json([{ name }] satisfies DatedName[]) });
        knownBy(partyId, name);
        return;
      }
      const lists = listsOf.get(partyId);
      if (lists === undefined) return; // Events of a party never registered: nothing to show.
      touch.run(at);
      if (event.type === 'PartyRenamed.v1') {
        const { name, effectiveAt } = event.data;
        setNames.run(json([...(JSON.parse(lists.names) as DatedName[]), { name, effectiveAt }]), partyId);
        knownBy(partyId, name);
      } else if (event.type === 'PartyAliasAdded.v1') {
        setAliases.run(json([...(JSON.parse(lists.aliases) as string[]), event.data.alias]), partyId);
        knownBy(partyId, event.data.alias);
      }
    };
  },
};
