import Database from 'better-sqlite3';
import { millisecondsSince } from '../harness/stats.js';

/**
 * The disk's own answer to "one durable write per command": single-row transactions
 * with the store's pragmas (WAL, synchronous=FULL), one every 1/rate s, latency counted
 * from when each was due, as the paced HTTP run counts it. Its p99 is the floor under
 * any command that must reach the disk before it is answered.
 */
export async function pacedRawCommits(file: string, rate: number, seconds: number, payload: string): Promise<number[]> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO commits (payload) VALUES (?)');
  const commit = db.transaction((value: string) => insert.run(value));
  const latencies: number[] = [];
  const count = Math.round(rate * seconds);
  const started = process.hrtime.bigint();
  try {
    for (let i = 0; i < count; i++) {
      const due = (i * 1000) / rate;
      const wait = due - millisecondsSince(started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      commit.immediate(payload);
      latencies.push(millisecondsSince(started) - due);
    }
  } finally {
    db.close();
  }
  return latencies;
}
