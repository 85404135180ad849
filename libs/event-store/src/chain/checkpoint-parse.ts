import { CHECKPOINT_FORMAT, type Checkpoint, type HeadEntry } from './checkpoint.js';

const HEX_64 = /^[0-9a-f]{64}$/;
const FIELDS = ['format', 'position', 'eventCount', 'streamCount', 'headsRoot', 'signedAt', 'keyId', 'signature'];

export type ParsedCheckpoint = { checkpoint: Checkpoint & { heads?: HeadEntry[] } } | { error: string };

/**
 * A checkpoint read from somewhere untrusted (a file, an event, a bundle), checked field by
 * field. Strict on purpose: an encoding that decodes to the same bytes (base64 padding
 * bits, upper-case hex) is refused, so no byte of a checkpoint can change unnoticed.
 */
export function parseCheckpoint(value: unknown): ParsedCheckpoint {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  const c = value as Record<string, unknown>;
  const unknown = Object.keys(c).filter((key) => !FIELDS.includes(key) && key !== 'heads');
  if (unknown.length > 0) return { error: `unknown fields ${unknown.join(', ')}` };
  if (c.format !== CHECKPOINT_FORMAT) return { error: `format is not ${CHECKPOINT_FORMAT}` };
  for (const key of ['position', 'eventCount', 'streamCount'] as const) {
    if (!isCount(c[key])) return { error: `${key} is not an integer ≥ 0` };
  }
  if (!isHex64(c.headsRoot) || !isHex64(c.keyId)) return { error: 'headsRoot and keyId must be 64 lower-case hex digits' };
  if (typeof c.signedAt !== 'string' || Number.isNaN(Date.parse(c.signedAt))) return { error: 'signedAt is not a time' };
  if (typeof c.signature !== 'string' || Buffer.from(c.signature, 'base64').toString('base64') !== c.signature) {
    return { error: 'signature is not canonical base64' };
  }
  if (c.heads !== undefined && !(Array.isArray(c.heads) && c.heads.every(isHeadEntry))) {
    return { error: 'heads is not a list of [streamId, revision, hash]' };
  }
  return { checkpoint: value as Checkpoint & { heads?: HeadEntry[] } };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

function isHeadEntry(value: unknown): value is HeadEntry {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    isCount(value[1]) &&
    isHex64(value[2])
  );
}
