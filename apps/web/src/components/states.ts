import { ApiError } from '../api.js';
import { h } from '../dom.js';

/** "Loading the deal caremag-2025…", announced to screen readers. */
export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

/**
 * For a 403: the reader is signed in, but the credential's roles do not grant what the
 * page asked for (e.g. a viewer key opening a figure's history, which needs audit:read).
 */
export function lacksRoleSentence(error: ApiError): string {
  const required = typeof error.details?.['required'] === 'string' ? error.details['required'] : undefined;
  const roles = Array.isArray(error.details?.['roles']) ? (error.details['roles'] as unknown[]).join(', ') : undefined;
  return `Your credential lacks the role for this${required ? `: it needs ${required}` : ''}${roles !== undefined ? `, and its roles are ${roles || 'none'}` : ''}.`;
}

/** What failed, what the ledger said, and what to do about it. */
export function failure(what: string, error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 401) {
    // The sign-in form at the top of the page is showing now (a refused key was dropped).
    return h('div', { class: 'error sign-in-needed', role: 'alert' },
      h('p', {}, h('strong', {}, `Sign in to see ${what}.`), ' ', error.describe()),
      h('p', {}, 'Enter an API key or token in the sign-in form at the top of the page. ',
        h('button', { type: 'button', class: 'secondary', onclick: () => document.getElementById('credential')?.focus() }, 'Go to the sign-in form')),
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return h('div', { class: 'error lacks-role', role: 'alert' },
      h('p', {}, h('strong', {}, `Could not load ${what}.`), ' ', lacksRoleSentence(error), ` (${error.code}, HTTP 403)`),
      h('p', {}, 'Sign out and sign in with a key or token whose role grants it, or ask an administrator for one.'),
    );
  }
  const sentence = error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);
  const advice = error instanceof ApiError && error.status === 0 ? 'Check that the ledger is running, then reload the page.' : undefined;
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, `Could not load ${what}.`), ' ', sentence),
    advice ? h('p', {}, advice) : null,
  );
}
