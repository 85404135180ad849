import { formatInstant } from './format.js';
import type { DealVerification } from './types.js';

/**
 * The summary in words. A failed check says what failed, by its code: a checkpoint whose
 * signature or root does not hold is tampering, never "not yet signed".
 */
export function verificationInWords(v: DealVerification): { title: string; lines: string[] } {
  const events = v.chain.events;
  const pending = v.notYetCheckpointed.length;
  const cp = v.checkpoint;
  const lines: string[] = [];
  if (!v.ok && v.problem) lines.push(`What failed: ${v.problem.message} (${v.problem.code}).`);
  if (cp) {
    const cosigned = cp.cosigners.length > 0 ? `cosigned by ${cp.cosigners.map((c) => c.name).join(', ')}` : 'not cosigned by any witness';
    const stamped = cp.timestamp ? `, timestamped ${formatInstant(cp.timestamp.genTime)}${cp.timestamp.verified ? '' : ' (timestamp not verified)'}` : '';
    lines.push(`${v.included.length} of its ${events} events are in the ledger’s signed checkpoint of ${formatInstant(cp.signedAt)} (${cosigned}${stamped}).`);
  } else lines.push('No signed checkpoint covers this deal yet.');
  if (pending > 0 && v.ok) {
    const revisions = v.notYetCheckpointed.map((e) => e.revision + 1);
    lines.push(`Not yet under a signed checkpoint: ${pending === 1 ? 'change' : 'changes'} ${revisions.join(', ')} (protected by the hash chain only until the next checkpoint).`);
  }
  lines.push(v.readModel.ok ? 'The figures shown match the deal’s events.' : `${v.readModel.differences.length} difference(s) between the figures shown and the deal’s events.`);
  const title = !v.chain.ok
    ? 'This deal’s record FAILED its check'
    : !v.readModel.ok
      ? 'Record checked; the figures shown differ from it'
      : !v.ok
        ? 'This deal’s proof FAILED its check'
        : pending > 0 || !cp
          ? `Record checked: ${events} events; ${pending} not yet signed`
          : `Record checked and signed: all ${events} events`;
  return { title, lines };
}
