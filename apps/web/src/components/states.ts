import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { technicalDetails } from './tech-details.js';

/** "Loading the deal caremag-2025…", announced to screen readers. */
export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

/** The permission a 403 named, and the caller's roles, as the ledger gave them. */
export function forbiddenDetails(error: ApiError): Array<[string, string]> {
  const required = typeof error.details?.['required'] === 'string' ? error.details['required'] : undefined;
  const roles = Array.isArray(error.details?.['roles']) ? (error.details['roles'] as unknown[]).join(', ') : undefined;
  return [
    ...(required ? [['Permission needed', required] as [string, string]] : []),
    ...(roles !== undefined ? [['Your roles', roles || 'none'] as [string, string]] : []),
    ['The ledger said', `${error.message} (${error.code}, HTTP ${error.status})`],
  ];
}

/**
 * A part of the page the reader's key does not open (a viewer asking for a figure's
 * history, which is an audit read): said as what it is, not as a failure.
 */
export function notForYourAccess(what: string, error: ApiError): HTMLElement {
  return h('div', { class: 'notice lacks-role', role: 'status' },
    h('p', {}, h('strong', {}, `${capitalise(what)} is open to auditors.`),
      ' Your key lets you read deals as they stand now. Looking back to earlier moments, the history of a figure and comparisons are audit reads, each logged; ',
      'if you need them, ask an administrator for an auditor’s key, then sign out and sign in with it.'),
    technicalDetails(forbiddenDetails(error)),
  );
}

/** What failed, in words, with the ledger's code one click away. */
export function failure(what: string, error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 401) {
    // The page shows the sign-in form in a moment (a refused key was dropped); rarely seen.
    return h('div', { class: 'notice sign-in-needed', role: 'status' }, h('p', {}, `Sign in to see ${what}.`));
  }
  if (error instanceof ApiError && error.status === 403) return notForYourAccess(what, error);
  const sentence = error instanceof ApiError ? error.message + (error.field ? ` (in ${error.field})` : '') : error instanceof Error ? error.message : String(error);
  const advice = error instanceof ApiError && error.status === 0 ? 'Check that the ledger is running, then reload the page.' : undefined;
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, `Could not load ${what}.`), ' ', sentence),
    advice ? h('p', {}, advice) : null,
    error instanceof ApiError && error.status !== 0 ? technicalDetails([['The ledger said', error.describe()]]) : null,
  );
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
