import { h, replaceChildren } from '../dom.js';
import { credential, signIn, signOut } from '../session.js';

/**
 * Sign in once per tab with an API key or token: it is sent as a Bearer credential with
 * every request until the tab closes or the reader signs out.
 */
export function signInArea(changed: () => void): HTMLElement {
  const area = h('div', { class: 'sign-in' });
  const render = () => {
    if (credential()) {
      replaceChildren(area,
        h('span', { class: 'signed-in', role: 'status' }, 'Signed in for this tab'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { signOut(); render(); changed(); } }, 'Sign out'),
      );
      return;
    }
    const input = h('input', { id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'credential-hint' });
    replaceChildren(area,
      h('form', {
        class: 'inline',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = input.value.trim();
          if (value === '') return;
          signIn(value);
          render();
          changed();
        },
      },
        h('label', { for: 'credential' }, 'API key or token'),
        input,
        h('button', { type: 'submit' }, 'Sign in'),
        h('span', { class: 'hint', id: 'credential-hint' }, 'Kept for this tab only and sent with every request.'),
      ),
    );
  };
  render();
  return area;
}
