import { h } from '../dom.js';
import { refusalReason, signIn } from '../session.js';
import { technicalDetails } from './tech-details.js';

/**
 * The first screen of a tab with no key: a welcome and one form, not an error. When the
 * ledger refused the last key, the form says so once (and only here), with the ledger's
 * own words one click away, and the reader is put back in the field.
 */
export function signInForm(signedIn: () => void): HTMLElement {
  const refused = refusalReason();
  const input = h('input', {
    id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': refused ? 'credential-refused credential-hint' : 'credential-hint',
    ...(refused ? { 'aria-invalid': 'true' } : {}),
  });
  const form = h('form', {
    class: 'sign-in-form panel',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (value === '') return;
      signIn(value);
      signedIn();
    },
  },
    refused
      ? h('div', { class: 'sign-in-error', id: 'credential-refused', role: 'alert' },
        h('p', {}, 'That key was not accepted: the ledger does not know it, or it was revoked or has expired. Check it and enter it again, or ask an administrator for a new one.'),
        technicalDetails([['The ledger said', refused]]))
      : null,
    h('label', { for: 'credential' }, 'Your access key (API key or token)'),
    input,
    h('p', { class: 'hint', id: 'credential-hint' }, 'Your administrator gives you this key. It is kept for this browser tab only, and forgotten when the tab closes.'),
    h('button', { type: 'submit' }, 'Sign in'),
  );
  const element = h('section', { class: 'welcome', 'aria-labelledby': 'welcome-heading' },
    h('h1', { id: 'welcome-heading' }, 'Welcome to Deal Ledger'),
    h('p', {}, 'The reported facts of deals — investments, stakes, offtakes, capacities — with their sources, and what the record said at any moment. Sign in to read them.'),
    form,
  );
  if (refused) queueMicrotask(() => input.focus());
  return element;
}
