import { ApiError, getJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import type { DealVerification } from '../types.js';
import { verificationInWords } from '../verification-words.js';
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

function render(badge: HTMLElement, v: DealVerification): void {
  const { title, lines } = verificationInWords(v);
  const failed = !v.ok || !v.chain.ok || !v.readModel.ok;
  badge.className = `verify ${failed ? 'verify-failed' : v.notYetCheckpointed.length > 0 || !v.checkpoint ? 'verify-partial' : 'verify-ok'}`;
  if (failed) badge.setAttribute('role', 'alert');
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
