import { ApiError, getJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatInstant } from '../format.js';
import type { DealVerification } from '../types.js';
import { technicalDetails } from './tech-details.js';

/**
 * The proof of this deal, scoped to it (`GET /deals/:id/verification`, computed per deal):
 * its events' chain checked, the signed checkpoint that covers them, the events not yet
 * under a checkpoint named, and the read model matching the events. No green tick: a
 * checked chain is not a signature, and the words say which is which.
 */
export function dealVerificationBadge(dealId: string): HTMLElement {
  const badge = h('div', { class: 'verify verify-pending', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'verify-title' }, 'Checking this deal’s record…'));
  void check(badge, dealId);
  return badge;
}

async function check(badge: HTMLElement, dealId: string): Promise<void> {
  try {
    const { body } = await getJson<DealVerification>(`/deals/${encodeURIComponent(dealId)}/verification`);
    render(badge, body);
  } catch (error) {
    badge.className = 'verify verify-unavailable';
    replaceChildren(badge, h('span', { class: 'verify-title' }, 'Proof not available'),
      h('span', { class: 'verify-detail' }, 'The ledger did not give this deal’s proof just now.'),
      error instanceof ApiError ? technicalDetails([['The ledger said', error.describe()]]) : null);
  }
}

/** The summary in words, also printed in the print layout's header. */
export function verificationInWords(v: DealVerification): { title: string; lines: string[] } {
  const events = v.chain.events;
  const pending = v.notYetCheckpointed.length;
  const cp = v.checkpoint;
  const lines: string[] = [];
  if (cp) {
    const cosigned = cp.cosigners.length > 0 ? `cosigned by ${cp.cosigners.map((c) => c.name).join(', ')}` : 'not cosigned by any witness';
    const stamped = cp.timestamp ? `, timestamped ${formatInstant(cp.timestamp.genTime)}${cp.timestamp.verified ? '' : ' (timestamp not verified)'}` : '';
    lines.push(`${v.included.length} of its ${events} events are in the ledger’s signed checkpoint of ${formatInstant(cp.signedAt)} (${cosigned}${stamped}).`);
  } else lines.push('No signed checkpoint covers this deal yet.');
  if (pending > 0) {
    const revisions = v.notYetCheckpointed.map((e) => e.revision + 1);
    lines.push(`Not yet under a signed checkpoint: ${pending === 1 ? 'change' : 'changes'} ${revisions.join(', ')} (protected by the hash chain only until the next checkpoint).`);
  }
  lines.push(v.readModel.ok ? 'The figures shown match the deal’s events.' : `${v.readModel.differences.length} difference(s) between the figures shown and the deal’s events.`);
  const title = !v.chain.ok
    ? 'This deal’s record FAILED its check'
    : !v.readModel.ok
      ? 'Record checked; the figures shown differ from it'
      : pending > 0 || !cp
        ? `Record checked: ${events} events; ${pending} not yet signed`
        : `Record checked and signed: all ${events} events`;
  return { title, lines };
}

function render(badge: HTMLElement, v: DealVerification): void {
  const { title, lines } = verificationInWords(v);
  const failed = !v.chain.ok || !v.readModel.ok;
  badge.className = `verify ${failed ? 'verify-failed' : v.notYetCheckpointed.length > 0 || !v.checkpoint ? 'verify-partial' : 'verify-ok'}`;
  if (failed) badge.setAttribute('role', 'alert');
  badge.dataset['summary'] = [title, ...lines].join(' ');
  replaceChildren(badge,
    h('span', { class: 'verify-title' }, title),
    lines.map((line) => h('span', { class: 'verify-detail' }, line)),
    technicalDetails([
      ['Checked', `the hash chain of this deal's ${v.chain.events} events${v.chain.problem ? `: ${v.chain.problem.message ?? ''} ${v.chain.problem.code ?? ''}` : ''}`],
      ...(v.checkpoint ? [['Checkpoint', `tree size ${v.checkpoint.treeSize}, ${v.checkpoint.origin}`] as [string, string]] : []),
      ['Not yet checkpointed (log positions)', v.notYetCheckpointed.map((e) => e.position).join(', ') || 'none'],
    ]),
  );
}
