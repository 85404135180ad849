/**
 * The API key (or token) the reader signed in with. Kept in sessionStorage: it lasts as
 * long as the tab and is gone when the tab closes, so it is never left on a shared machine.
 */
const KEY = 'deal-ledger.credential';

/** Why the ledger last refused the signed-in credential; shown by the sign-in form until the next sign-in. */
let refusal: string | undefined;
const refusedListeners = new Set<() => void>();

export function credential(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage refused (private mode, policy): act as signed out
  }
}

export function signIn(value: string): void {
  refusal = undefined;
  sessionStorage.setItem(KEY, value);
}

export function signOut(): void {
  refusal = undefined;
  sessionStorage.removeItem(KEY);
}

export function refusalReason(): string | undefined {
  return refusal;
}

/** Called when the ledger answered 401 (the sign-in form listens, to ask for a key again). */
export function onCredentialRefused(listener: () => void): void {
  refusedListeners.add(listener);
}

/**
 * The ledger answered 401 to a request sent with `sent` (undefined: sent with none). A
 * refused key is unknown, revoked or expired: it is dropped, so the page asks for another,
 * unless the reader has signed in again since that request left.
 */
export function credentialRefused(sent: string | undefined, reason: string): void {
  if (sent !== undefined) {
    if (credential() !== sent) return;
    signOut();
    refusal = reason;
  }
  for (const listener of refusedListeners) listener();
}
