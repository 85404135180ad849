import { randomBytes } from 'node:crypto';

/** The KurrentDB image the suites start when they run in containers; docker-compose.yml pins the same. */
export const KURRENTDB_TEST_IMAGE = process.env.KURRENTDB_TEST_IMAGE ?? 'kurrentplatform/kurrentdb:26.1.1';

/** Where test/global-setup.cjs decided the KurrentDB suites run. */
const mode = process.env.LEDGER_TEST_KURRENTDB ?? 'skip';
const reason = process.env.LEDGER_TEST_KURRENTDB_REASON ?? 'the Jest global setup did not run';

/**
 * `describe` for a suite that needs a KurrentDB server; where none can run, the suite is
 * skipped with the reason in its title (the global setup printed it once, too).
 */
export function describeWithKurrentDb(title: string, body: () => void): void {
  if (mode === 'skip') describe.skip(`${title} (skipped: ${reason})`, body);
  else describe(title, body);
}

export interface KurrentDbServer {
  connectionString: string;
  stop(): Promise<void>;
}

/** The server for one suite: the external one, or a fresh container (call in beforeAll, with a long timeout). */
export async function startKurrentDb(): Promise<KurrentDbServer> {
  if (mode === 'external') return { connectionString: process.env.KURRENTDB_CONNECTION_STRING!, stop: async () => undefined };
  // Loaded only here: testcontainers takes a while to load, and most runs skip.
  const { KurrentDbContainer } = await import('@testcontainers/kurrentdb');
  const container = await new KurrentDbContainer(KURRENTDB_TEST_IMAGE).start();
  return { connectionString: container.getConnectionString(), stop: async () => void (await container.stop()) };
}

/** A stream prefix no other run uses, so runs can share one server. */
export function uniqueStreamPrefix(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}.`;
}

/** Starting a KurrentDB container pulls an image the first time. */
export const SERVER_START_TIMEOUT_MS = 180_000;
