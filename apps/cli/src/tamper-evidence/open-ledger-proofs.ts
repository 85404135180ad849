import { join } from 'node:path';
import type { TamperEvidenceSettings } from '#application';
import type { EventStore } from '#event-store';
import {
  assertSigningKeyMayBeCreated,
  openCheckpointSigning,
  openEventStore,
  openLedgerTransparency,
  openPersonalData,
  tamperEvidenceSettings,
  TRANSPARENCY_FILE,
  type CheckpointSigning,
  type LedgerConfig,
  type LedgerTransparency,
  type PersonalData,
} from '#runtime';

export interface LedgerProofs {
  store: EventStore;
  /** Which store the ledger is on: what decides whether a missing signing key may be created. */
  storeKind: LedgerConfig['store'];
  transparency: LedgerTransparency;
  settings: TamperEvidenceSettings;
  /** With `names`: the vault of names the events hold as tokens, which exports show and disclose. */
  personalData: PersonalData | undefined;
  close(): Promise<void>;
}

/**
 * The store and the proofs file, for the CLI commands that prove things (`verify`,
 * `checkpoint`, `export`). `follow`: grow the log tree from the store too (it is then up to
 * date even with no server running); `verify` only reads it.
 */
export async function openLedgerProofs(config: LedgerConfig, options: { follow: boolean; names?: boolean }): Promise<LedgerProofs> {
  if (config.store === 'memory') throw new Error('An in-memory ledger lives in its server process: there is nothing here to prove');
  const settings = tamperEvidenceSettings(config);
  const store = await openEventStore(config);
  let transparency: LedgerTransparency;
  let personalData: PersonalData | undefined;
  try {
    transparency = await openLedgerTransparency(store, settings, { file: join(config.dataDir, TRANSPARENCY_FILE), follow: options.follow });
  } catch (error) {
    await store.close();
    throw error;
  }
  try {
    // Only exports read names: verifying a data directory (or a backup's copy) leaves its files as they are.
    personalData = options.names ? await openPersonalData(config, store, () => new Date()) : undefined;
  } catch (error) {
    await transparency.close();
    await store.close();
    throw error;
  }
  return {
    store,
    storeKind: config.store,
    transparency,
    settings,
    personalData,
    async close() {
      personalData?.vault.close();
      await transparency.close();
      await store.close();
    },
  };
}

/** The signing key for commands that sign: created on first use, on KurrentDB only for a ledger without history (signing-key-creation.ts). */
export async function signingOf(proofs: LedgerProofs): Promise<CheckpointSigning> {
  await assertSigningKeyMayBeCreated(proofs.store, { store: proofs.storeKind }, proofs.settings.signingKeyFile);
  return openCheckpointSigning(proofs.transparency.log, proofs.settings, () => new Date());
}
