import { ApiError, getJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatInstant } from '../format.js';
import { lacksRoleSentence } from './states.js';

/**
 * What `GET /audit/verify` answers, read loosely: the badge must show whatever it can and
 * never break the page if the answer has more or fewer fields.
 */
interface VerifyAnswer {
  ok?: boolean;
  checkedAt?: string;
  upTo?: string | number;
  events?: number;
  streams?: number;
  checkpoints?: { treeSize: number; cosigners?: { name: string }[] }[];
  notYetCheckpointed?: number;
  timestamps?: { treeSize: number; genTime: string }[];
  problem?: { code?: string; message?: string; position?: string | number };
}

/** The record's tamper evidence at a glance: verified up to position N, the last signed checkpoint and who cosigned it. */
export function verificationBadge(): HTMLElement {
  const badge = h('div', { class: 'verify verify-pending', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'verify-title' }, 'Checking the hash chain…'));
  void check(badge);
  return badge;
}

async function check(badge: HTMLElement): Promise<void> {
  try {
    const { body } = await getJson<VerifyAnswer>('/audit/verify');
    render(badge, body);
  } catch (error) {
    badge.className = 'verify verify-unavailable';
    const why =
      error instanceof ApiError && error.code === 'ROUTE.NOT_FOUND'
        ? 'This ledger does not verify its chain over HTTP (no /audit/verify route).'
        : error instanceof ApiError && error.status === 403
          ? `${lacksRoleSentence(error)} Verifying the chain is an audit read.`
          : error instanceof ApiError
          ? error.describe()
          : String(error);
    replaceChildren(badge, h('span', { class: 'verify-title' }, 'Verification unavailable'), h('span', { class: 'verify-detail' }, why));
  }
}

function render(badge: HTMLElement, answer: VerifyAnswer): void {
  const last = answer.checkpoints && answer.checkpoints.length > 0 ? answer.checkpoints[answer.checkpoints.length - 1] : undefined;
  const stamp = answer.timestamps?.find((t) => t.treeSize === last?.treeSize);
  const cosigners = last?.cosigners?.map((c) => c.name) ?? [];
  const checkpoint = last
    ? `Last signed checkpoint: the first ${last.treeSize} events` +
      `${cosigners.length > 0 ? `, cosigned by ${cosigners.join(', ')}` : ', not cosigned by any witness'}` +
      `${stamp ? `, timestamped ${formatInstant(stamp.genTime)}` : ''}.` +
      `${answer.notYetCheckpointed ? ` ${answer.notYetCheckpointed} later events are not checkpointed yet.` : ''}`
    : 'No signed checkpoint yet.';
  if (answer.ok === true) {
    badge.className = 'verify verify-ok';
    replaceChildren(badge,
      h('span', { class: 'verify-title' }, h('span', { 'aria-hidden': 'true' }, '✓ '), `Chain verified up to position ${answer.upTo ?? '?'}`),
      h('span', { class: 'verify-detail' }, `${answer.events !== undefined ? `${answer.events} events checked` : 'Checked'}${checkedAt(answer)}. ${checkpoint}`),
    );
  } else if (answer.ok === false) {
    badge.className = 'verify verify-failed';
    badge.setAttribute('role', 'alert');
    replaceChildren(badge,
      h('span', { class: 'verify-title' }, h('span', { 'aria-hidden': 'true' }, '✗ '), 'Chain verification FAILED'),
      h('span', { class: 'verify-detail' },
        `${answer.problem?.message ?? 'The ledger reports a problem.'}${answer.problem?.code ? ` (${answer.problem.code})` : ''}` +
        `${answer.problem?.position !== undefined ? ` At position ${answer.problem.position}.` : ''} Checked${checkedAt(answer)}. ${checkpoint}`),
    );
  } else {
    badge.className = 'verify verify-unavailable';
    replaceChildren(badge, h('span', { class: 'verify-title' }, 'Verification unavailable'),
      h('span', { class: 'verify-detail' }, 'The ledger answered, but not with a verification result this page understands.'));
  }
}

const checkedAt = (answer: VerifyAnswer): string => (answer.checkedAt ? ` at ${formatInstant(answer.checkedAt)}` : '');
