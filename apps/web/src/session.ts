/**
 * The API key (or token) the reader signed in with. Kept in sessionStorage: it lasts as
 * long as the tab and is gone when the tab closes, so it is never left on a shared machine.
 */
const KEY = 'deal-ledger.credential';

export function credential(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage refused (private mode, policy): act as signed out
  }
}

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
