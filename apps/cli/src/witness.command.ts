import { setTimeout as sleep } from 'node:timers/promises';
import { ED25519_NOTE } from '#verifier';
import { readVerifierKey } from './tamper-evidence/key-arguments.js';
import { LedgerConnection } from './witness/ledger-connection.js';
import { witnessIdentity } from './witness/witness-identity.js';
import { witnessRound, type WitnessOutcome } from './witness/witness-round.js';
import { WitnessState } from './witness/witness-state.js';

export interface WitnessCommandOptions {
  ledger: string;
  ledgerKey: string;
  key: string;
  state: string;
  name?: string;
  /** Seconds between rounds; without it, one round. */
  every?: string;
}

/** Exit code of a refusal: the alarm a supervisor or a cron mail reacts to. */
export const WITNESS_REFUSED = 3;

/**
 * `ledger witness`: a small process an auditor or a second organisation runs on its own
 * machine. Each round it fetches the ledger's latest checkpoint, checks it extends the last
 * one it cosigned, and only then cosigns it and posts the cosignature back. It needs a
 * `witness` credential (LEDGER_WITNESS_API_KEY). Exit 0: cosigned (or nothing new);
 * 3: refused, evidence kept; 2 (from main): could not run.
 */
export async function witnessCommand(options: WitnessCommandOptions): Promise<number> {
  const apiKey = process.env.LEDGER_WITNESS_API_KEY;
  if (!apiKey) throw new Error('LEDGER_WITNESS_API_KEY must hold a key with the witness role (ledger keys create --role witness)');
  const ledgerKey = readVerifierKey(options.ledgerKey, ED25519_NOTE, '--ledger-key');
  const witness = witnessIdentity(options.key, options.name);
  if (witness.created) console.log(`Created the witness key ${options.key} (mode 0600: keep it secret).`);
  console.log(`Witness ${witness.name}: give auditors its key: ${witness.vkey}`);
  const ledger = new LedgerConnection(options.ledger, apiKey);
  const state = new WitnessState(options.state, ledgerKey.name);
  const every = options.every === undefined ? undefined : Number(options.every);
  if (every !== undefined && !(Number.isFinite(every) && every >= 1)) throw new Error(`--every must be a number of seconds (1 or more), not ${options.every}`);

  for (;;) {
    let outcome: WitnessOutcome | undefined;
    try {
      outcome = await witnessRound(ledger, ledgerKey, witness, state, () => new Date());
    } catch (error) {
      // Unreachable or failing: no verdict on the log. Said, and tried again next round.
      console.error(`${new Date().toISOString()} could not witness: ${error instanceof Error ? error.message : String(error)}`);
      if (every === undefined) return 2;
    }
    if (outcome) {
      console.log(`${new Date().toISOString()} ${describe(outcome)}`);
      if (outcome.kind === 'refused') return WITNESS_REFUSED;
    }
    if (every === undefined) return 0;
    await sleep(every * 1000);
  }
}

function describe(outcome: WitnessOutcome): string {
  switch (outcome.kind) {
    case 'cosigned':
      return `cosigned the checkpoint of ${outcome.treeSize} events${outcome.previous !== undefined ? ` (consistent with ${outcome.previous})` : ' (the first this witness sees)'}`;
    case 'unchanged':
      return `nothing new: the checkpoint of ${outcome.treeSize} events is cosigned already`;
    case 'refused':
      return `REFUSED: ${outcome.reason}. Evidence kept in ${outcome.evidence}`;
  }
}
