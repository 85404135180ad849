import { createPublicKey, type KeyObject } from 'node:crypto';
import type { AppendResult, EventMetadata, EventStore } from '../event-store.port.js';
import { signCheckpoint, withoutHeads, type CheckpointWithHeads } from './checkpoint.js';
import { appendCheckpoint } from './checkpoint-stream.js';
import { runVerification, type VerificationReport, type VerifyChainsOptions } from './verify-chains.js';

export interface CreateCheckpointOptions extends Omit<VerifyChainsOptions, 'upTo' | 'trustedKey'> {
  privateKey: KeyObject;
  signedAt: string;
  /** Who signs: the checkpoint event's metadata. */
  metadata: EventMetadata;
}

export type CreatedCheckpoint =
  | { ok: true; checkpoint: CheckpointWithHeads; report: VerificationReport; appended: AppendResult }
  | { ok: false; report: VerificationReport };

/**
 * Verifies the whole log (chains and earlier checkpoints) and only then signs its heads:
 * signing unverified history would vouch for whatever a tamperer left in it. The
 * checkpoint is appended to the checkpoint stream, so it is chained and has a position.
 */
export async function createCheckpoint(store: EventStore, options: CreateCheckpointOptions): Promise<CreatedCheckpoint> {
  const { privateKey, signedAt, metadata, ...verifyOptions } = options;
  const { report, heads } = await runVerification(store, { ...verifyOptions, trustedKey: createPublicKey(privateKey) });
  if (!report.ok) return { ok: false, report };
  const checkpoint = signCheckpoint(privateKey, { position: report.upTo, eventCount: report.events, heads, signedAt });
  const appended = await appendCheckpoint(store, withoutHeads(checkpoint), metadata);
  return { ok: true, checkpoint, report, appended };
}
