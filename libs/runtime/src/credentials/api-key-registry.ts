import { ACCESS_KEYS_STREAM, applyApiKeyEvent, hashApiKey, type ApiKeyRecord } from '#application';
import { isRole, ROLES, type Role } from '#domain';
import type { EventStore, EventSubscription } from '#event-store';
import { looksLikeJwt } from './jwt-verifier.js';
import type { Principal } from './principal.js';

/** A key configured outside the ledger (LEDGER_API_KEYS): for services and tests. */
export interface StaticApiKey {
  name: string;
  roles: Role[];
  key: string;
}

/**
 * Maps presented API keys to principals. Keys issued with `ledger keys create` or
 * `POST /admin/keys` live in the `access-keys` stream; the registry follows that stream,
 * so a key issued or revoked by another process (or replica) takes effect here without
 * a restart. Lookups are by SHA-256 of the presented key: the plain key is never kept.
 */
export class ApiKeyRegistry {
  private readonly issued = new Map<string, ApiKeyRecord>();
  private readonly byHash = new Map<string, Principal>();
  private readonly staticByHash: Map<string, Principal>;
  /** Every name a key acts under, static or issued, revoked or not: a token may take none. */
  private readonly keyNames: Set<string>;
  private lastRevision = -1;
  private subscription: EventSubscription | undefined;
  private closed = false;
  private readonly revokedListeners = new Set<(credential: string) => void>();

  constructor(staticKeys: readonly StaticApiKey[] = []) {
    this.staticByHash = new Map(
      staticKeys.map((k) => [hashApiKey(k.key), { actor: k.name, roles: k.roles, credential: `api-key:${k.name}` }]),
    );
    this.keyNames = new Set(staticKeys.map((k) => k.name));
  }

  /**
   * Loads the issued keys, then follows the stream until `close()`. Should following
   * fail (the store's error, not its close), it is reported and started again a second
   * later from what was applied: a revocation must not stay unseen until a restart.
   */
  async follow(store: EventStore, onError: (error: unknown) => void = (error) => console.error('API keys:', error)): Promise<void> {
    const head = await store.headPosition();
    for (const event of await store.readStream(ACCESS_KEYS_STREAM)) this.apply(event);
    if (this.closed) return;
    const subscription = store.subscribe({ from: head, filter: { streamIds: [ACCESS_KEYS_STREAM] } });
    this.subscription = subscription;
    void (async () => {
      try {
        for await (const event of subscription) this.apply(event);
      } catch (error) {
        if (this.closed) return;
        onError(error);
        setTimeout(() => void this.follow(store, onError).catch(onError), 1000).unref();
      }
    })();
  }

  close(): void {
    this.closed = true;
    this.subscription?.close();
  }

  /** `listener(credential)` for each key revoked from now on (`api-key:<keyId>`): open streams end. */
  onRevoked(listener: (credential: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Whether an API key (issued or static, revoked or not) acts under this name. */
  namesKey(actor: string): boolean {
    return this.keyNames.has(actor);
  }

  principalFor(presented: string): Principal | undefined {
    const digest = hashApiKey(presented);
    return this.staticByHash.get(digest) ?? this.byHash.get(digest);
  }

  get size(): number {
    return this.staticByHash.size + this.byHash.size;
  }

  private apply(event: Parameters<typeof applyApiKeyEvent>[1]): void {
    // The stream is read, then followed from the head seen before reading: skip the overlap.
    if (event.revision <= this.lastRevision) return;
    this.lastRevision = event.revision;
    applyApiKeyEvent(this.issued, event);
    if (event.type === 'ApiKeyRevoked.v1') {
      const credential = `api-key:${String(event.data.keyId)}`;
      for (const listener of this.revokedListeners) listener(credential);
    }
    this.byHash.clear();
    for (const key of this.issued.values()) {
      this.keyNames.add(key.name);
      if (key.revokedAt === null) this.byHash.set(key.sha256, { actor: key.name, roles: key.roles, credential: `api-key:${key.keyId}` });
    }
  }
}

/**
 * `name:role+role:key,…` from the environment. Refuses (with the variable's name) a
 * malformed entry or an unknown role rather than starting with a key that cannot work.
 */
export function parseApiKeysSetting(setting: string | undefined): StaticApiKey[] {
  if (!setting) return [];
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, roles, ...rest] = entry.split(':');
      const key = rest.join(':');
      const parsedRoles = (roles ?? '').split('+');
      // A key shaped like a JWT (x.y.z) would be checked as a token, and always refused.
      if (!name || !key || key.length < 8 || looksLikeJwt(key) || !parsedRoles.every(isRole)) {
        throw new Error(
          `LEDGER_API_KEYS must be a comma-separated list of name:role[+role]:key (a key of 8+ characters, not shaped like a JWT; roles: ${ROLES.join(', ')})`,
        );
      }
      return { name, roles: parsedRoles as Role[], key };
    });
}
