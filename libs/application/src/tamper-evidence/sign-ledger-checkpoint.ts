import { randomUUID } from 'node:crypto';
import { createCheckpoint, readStoredCheckpoints, type CheckpointWithHeads, type EventStore, type VerificationProgress, type VerificationReport } from '#event-store';
import { readCheckpointDir, writeCheckpointFile } from './checkpoint-files.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import type { TamperEvidenceSettings } from './tamper-evidence-settings.js';

export interface SignLedgerCheckpointOptions {
  actor: string;
  now: () => Date;
  onProgress?: (progress: VerificationProgress) => void;
}

export type SignedLedgerCheckpoint =
  | { ok: true; checkpoint: CheckpointWithHeads; file: string; eventPosition: number; key: SigningKey; report: VerificationReport }
  | { ok: false; key: SigningKey; report: VerificationReport };

/**
 * `ledger checkpoint`: verifies everything (chains and earlier checkpoints), then signs the
 * heads, appends the checkpoint to the store and writes it to the checkpoint directory.
 * A store that does not verify is not signed.
 */
export async function signLedgerCheckpoint(
  store: EventStore,
  settings: TamperEvidenceSettings,
  options: SignLedgerCheckpointOptions,
): Promise<SignedLedgerCheckpoint> {
  const key = loadOrCreateSigningKey(settings.signingKeyFile);
  const commandId = randomUUID();
  const created = await createCheckpoint(store, {
    privateKey: key.privateKey,
    signedAt: options.now().toISOString(),
    metadata: { actor: options.actor, commandId, correlationId: commandId, causationId: commandId, keyId: key.keyId },
    checkpoints: [...(await readStoredCheckpoints(store)), ...readCheckpointDir(settings.checkpointDir)],
    globalTimeOrder: settings.globalTimeOrder ?? true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!created.ok) return { ok: false, key, report: created.report };
  const file = writeCheckpointFile(settings.checkpointDir, created.checkpoint);
  return { ok: true, checkpoint: created.checkpoint, file, eventPosition: created.appended.lastPosition, key, report: created.report };
}
