import { ApiError } from '../api.js';
import { h } from '../dom.js';

/** "Loading the deal caremag-2025…", announced to screen readers. */
export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

/** What failed, what the ledger said, and what to do about it. */
export function failure(what: string, error: unknown): HTMLElement {
  const sentence = error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);
  const advice =
    error instanceof ApiError && (error.status === 401 || error.status === 403)
      ? 'Sign in with an API key or token that may read this (the form at the top of the page).'
      : error instanceof ApiError && error.status === 0
        ? 'Check that the ledger is running, then reload the page.'
        : undefined;
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, `Could not load ${what}.`), ' ', sentence),
    advice ? h('p', {}, advice) : null,
  );
}
