import { generateKeyPairSync } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ED25519_NOTE, formatCheckpoint, signedNote, verifierKeyFromPublicKey, type NoteSigner, type VerifierKey } from '#verifier';
import type { EventStore } from '../event-store.port.js';
import { CheckpointBook, type StoredCheckpoint } from '../transparency/checkpoint-book.js';
import { LogTreeFollower } from '../transparency/log-tree-follower.js';
import type { LogTree } from '../transparency/log-tree.js';
import { openTransparencyDatabase } from '../transparency/transparency-database.js';

export const TEST_ORIGIN = 'deal-ledger.test/log';

/** One ledger key for every test of a file: signatures are what the tests look at, not keys. */
export const testLedger: NoteSigner & { key: VerifierKey } = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name: TEST_ORIGIN, privateKey, key: verifierKeyFromPublicKey(TEST_ORIGIN, publicKey, ED25519_NOTE) };
})();

export interface LogProofs {
  db: Database;
  follower: LogTreeFollower;
  tree: LogTree;
  book: CheckpointBook;
  /** Brings the tree up to the store's head, then signs a checkpoint of it, as the ledger does. */
  checkpoint(signer?: NoteSigner): Promise<StoredCheckpoint>;
  close(): Promise<void>;
}

/**
 * Test-only: a store's proofs file (`:memory:` unless a file is given) with its tree
 * following the store, and a signer of C2SP checkpoints. The event-store library knows
 * nothing of the application's signer: this is the same few lines, for its own tests.
 */
export async function openLogProofs(
  store: EventStore,
  options: { file?: string; densePositions?: boolean; globalTimeOrder?: boolean } = {},
): Promise<LogProofs> {
  const db = openTransparencyDatabase(options.file ?? ':memory:');
  const follower = new LogTreeFollower(store, db, {
    densePositions: options.densePositions ?? true,
    globalTimeOrder: options.globalTimeOrder ?? true,
  });
  await follower.start();
  const book = new CheckpointBook(db);
  return {
    db,
    follower,
    tree: follower.tree,
    book,
    async checkpoint(signer = testLedger) {
      if (!(await follower.catchUp(10_000))) throw new Error(`The tree did not catch up: ${follower.status().problem?.message}`);
      const treeSize = follower.tree.size();
      const root = follower.tree.root(treeSize);
      const text = formatCheckpoint({ origin: signer.name, treeSize, rootHash: root, extensions: [] });
      const checkpoint = { treeSize, root, note: signedNote(text, signer), signedAt: new Date().toISOString() };
      book.add(checkpoint);
      return checkpoint;
    },
    async close() {
      await follower.stop();
      db.close();
    },
  };
}
