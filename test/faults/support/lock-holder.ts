import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A second process that takes the write lock of a SQLite file (BEGIN IMMEDIATE) and holds
 * it until released: what a backup tool, a `sqlite3` shell left open or a stray `ledger`
 * command does to a running ledger.
 */
export interface LockHolder {
  release(): Promise<void>;
}

export function holdWriteLock(file: string): Promise<LockHolder> {
  const script = `
    const db = require('better-sqlite3')(${JSON.stringify(file)}, { timeout: 10000 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code} before locking ${file}`)));
    child.stdout!.once('data', () => {
      child.removeAllListeners('exit');
      resolve({
        release: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin!.write('release\n');
          }),
      });
    });
  });
}
