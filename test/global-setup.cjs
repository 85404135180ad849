/**
 * Runs once before every Jest run. Decides, once, where the KurrentDB suites run
 * (test/kurrentdb) and says so in one line, instead of each suite probing and printing:
 * - KURRENTDB_CONNECTION_STRING set: against that server (each suite in its own stream prefix);
 * - else a container runtime found by testcontainers: in a KurrentDB container per suite;
 * - else: skipped, with the reason.
 * The decision reaches the test workers through the environment (they inherit it).
 */
const DECISION = 'LEDGER_TEST_KURRENTDB';
const REASON = 'LEDGER_TEST_KURRENTDB_REASON';

module.exports = async () => {
  if (process.env[DECISION]) return; // decided already (a watch re-run, or by the caller)
  const { mode, reason } = await decide();
  process.env[DECISION] = mode;
  process.env[REASON] = reason;
  console.log(`\nKurrentDB suites: ${mode === 'skip' ? `skipped (${reason})` : reason}`);
};

async function decide() {
  const external = process.env.KURRENTDB_CONNECTION_STRING;
  if (external) return { mode: 'external', reason: `run against KURRENTDB_CONNECTION_STRING (${address(external)})` };
  try {
    // testcontainers 11 (12 needs Node 22.22+); without a runtime this fails in milliseconds.
    const { getContainerRuntimeClient } = require('testcontainers');
    const runtime = await getContainerRuntimeClient();
    return { mode: 'container', reason: `run in containers on ${runtime.info?.containerRuntime?.host ?? 'the container runtime'}` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { mode: 'skip', reason: `no container runtime (${why}) and KURRENTDB_CONNECTION_STRING is not set` };
  }
}

/** The server's address without credentials. */
function address(connectionString) {
  const match = /^([a-z+]+):\/\/(?:[^@/?]*@)?([^/?]*)/i.exec(connectionString.trim());
  return match ? `${match[1]}://${match[2]}` : 'unparsable';
}
