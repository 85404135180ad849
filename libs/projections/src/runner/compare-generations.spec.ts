import BetterSqlite3 from 'better-sqlite3';
import { tableSet } from '../table-set.js';
import { compareGenerations } from './compare-generations.js';

describe('comparing a new generation with the live one', () => {
  const live = tableSet(1);
  const next = tableSet(2);

  it('counts rows added, removed and changed by primary key, with sample keys, and column changes', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`
      CREATE TABLE deals__g1 (deal_id TEXT, part INTEGER, title TEXT, old_column TEXT, PRIMARY KEY (deal_id, part));
      CREATE TABLE deals__g2 (deal_id TEXT, part INTEGER, title TEXT, new_column TEXT, PRIMARY KEY (deal_id, part));
      INSERT INTO deals__g1 VALUES ('a', 1, 'Alpha', 'x'), ('b', 1, 'Beta', 'x'), ('c', 1, 'Gamma', 'x'), ('d', 1, NULL, 'x');
      INSERT INTO deals__g2 VALUES ('a', 1, 'Alpha', 'y'), ('b', 1, 'BETA', 'y'), ('d', 1, 'Delta', 'y'), ('e', 1, 'Epsilon', 'y');
    `);
    const report = compareGenerations(db, ['deals'], live, next);
    expect(report).toEqual({
      identical: false,
      differences: 4,
      tables: [
        {
          table: 'deals',
          liveRows: 4,
          shadowRows: 4,
          added: 1,
          removed: 1,
          changed: 2,
          unchanged: 1,
          columnsAdded: ['new_column'],
          columnsRemoved: ['old_column'],
          samples: { added: ['["e",1]'], removed: ['["c",1]'], changed: ['["b",1]', '["d",1]'] },
        },
      ],
    });
  });

  it('calls equal rows identical, and compares tables without a key as whole rows', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`
      CREATE TABLE events__g1 (position INTEGER PRIMARY KEY, type TEXT);
      CREATE TABLE events__g2 (position INTEGER PRIMARY KEY, type TEXT);
      INSERT INTO events__g1 VALUES (1, 'A'), (2, 'B');
      INSERT INTO events__g2 VALUES (1, 'A'), (2, 'B');
      CREATE TABLE tags__g1 (tag TEXT);
      CREATE TABLE tags__g2 (tag TEXT);
      INSERT INTO tags__g1 VALUES ('x'), ('y');
      INSERT INTO tags__g2 VALUES ('x'), ('z');
    `);
    expect(compareGenerations(db, ['events'], live, next)).toMatchObject({ identical: true, differences: 0 });
    expect(compareGenerations(db, ['tags'], live, next).tables[0]).toMatchObject({ added: 1, removed: 1, changed: 0, unchanged: 1 });
  });
});
