import { h, replaceChildren } from '../dom.js';
import { credential, signOut } from '../session.js';

export interface AccountArea {
  element: HTMLElement;
  /** Shows the current state: signed in (with Sign out) or nothing. */
  refresh(): void;
}

/**
 * The header's account area: that a key is in use, and a way out. The sign-in form itself
 * is the page's first screen (sign-in-form.ts), so the header shows nothing while signed out.
 */
export function accountArea(signedOut: () => void): AccountArea {
  const element = h('div', { class: 'sign-in' });
  const refresh = () => {
    if (!credential()) return replaceChildren(element);
    replaceChildren(element,
      h('span', { class: 'signed-in', role: 'status' }, 'Signed in for this tab'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { signOut(); refresh(); signedOut(); } }, 'Sign out'),
    );
  };
  refresh();
  return { element, refresh };
}
