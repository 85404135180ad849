import { h, replaceChildren } from '../dom.js';
import { credential, onCredentialRefused, refusalReason, signIn, signOut } from '../session.js';

/**
 * Sign in once per tab with an API key or token: it is sent as a Bearer credential with
 * every request until the tab closes or the reader signs out. Whenever the ledger answers
 * 401 the form is shown again, saying why a key it had was refused.
 */
export function signInArea(changed: () => void): HTMLElement {
  const area = h('div', { class: 'sign-in' });
  /** Set by a sign-in from this form: when that key is refused, the reader is taken back to the field. */
  let signedInHere = false;
  const render = () => {
    if (credential()) {
      replaceChildren(area,
        h('span', { class: 'signed-in', role: 'status' }, 'Signed in for this tab'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { signOut(); render(); changed(); } }, 'Sign out'),
      );
      return;
    }
    const refused = refusalReason();
    const input = h('input', {
      id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', required: true,
      'aria-describedby': refused ? 'credential-refused credential-hint' : 'credential-hint',
      ...(refused ? { 'aria-invalid': 'true' } : {}),
    });
    replaceChildren(area,
      h('form', {
        class: 'inline',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = input.value.trim();
          if (value === '') return;
          signIn(value);
          signedInHere = true;
          render();
          changed();
        },
      },
        h('label', { for: 'credential' }, 'API key or token'),
        input,
        h('button', { type: 'submit' }, 'Sign in'),
        h('span', { class: 'hint', id: 'credential-hint' }, 'Kept for this tab only and sent with every request.'),
      ),
      refused ? h('p', { class: 'sign-in-error', id: 'credential-refused', role: 'alert' }, `That key was not accepted: ${refused}. Enter another.`) : null,
    );
    // The button the reader pressed is gone (the page reloaded its content): back to the field.
    if (refused && signedInHere) {
      signedInHere = false;
      input.focus();
    }
  };
  onCredentialRefused(render);
  render();
  return area;
}
