import { ACCESS_KEYS_STREAM, applyApiKeyEvent, hashApiKey, judgeKeyEvent, type ApiKeyRecord, type KeyEventTrust } from '#application';
import { isRole, ROLES, type Role } from '#domain';
import {
  RestartSchedule,
  StoreUnavailableError,
  type ComponentHealth,
  type EventStore,
  type EventSubscription,
  type RecordedEvent,
  type SelfHealing,
} from '#event-store';
import { looksLikeJwt } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { consoleReport } from '../runtime-report.js';

/** A key configured outside the ledger (LEDGER_API_KEYS): for services and tests. */
export interface StaticApiKey {
  name: string;
  roles: Role[];
  key: string;
}

/** A key event the registry did not apply, and why (it is reported once, when read). */
export interface RefusedKeyEvent {
  eventId: string;
  revision: number;
  type: string;
  why: string;
}

/**
 * Maps presented API keys to principals. Keys issued with `ledger keys create` or
 * `POST /admin/keys` live in the `access-keys` stream; the registry follows that stream,
 * so a key issued or revoked by another process (or replica) takes effect here without
 * a restart. Lookups are by SHA-256 of the presented key: the plain key is never kept.
 * Only key events the ledger can authenticate are applied (`trust`: signed with the
 * ledger's key, see #application's key-event-signature.ts): one written straight into
 * the store by someone else is refused and reported, and grants nothing.
 */
export class ApiKeyRegistry implements SelfHealing {
  private readonly issued = new Map<string, ApiKeyRecord>();
  private readonly byHash = new Map<string, Principal>();
  private readonly staticByHash: Map<string, Principal>;
  /** Every name a key acts under, static or issued, revoked or not: a token may take none. */
  private readonly keyNames: Set<string>;
  private lastRevision = -1;
  private subscription: EventSubscription | undefined;
  private closed = false;
  private following: { store: EventStore; onError: (error: unknown) => void } | undefined;
  private state: 'stopped' | 'running' | 'failed' = 'stopped';
  private readonly restarts = new RestartSchedule(() => this.resume(), { onFirstFailure: (error) => this.following?.onError(error) });
  private readonly revokedListeners = new Set<(credential: string) => void>();

  /** Key events read and not applied, in stream order. */
  readonly refused: RefusedKeyEvent[] = [];

  constructor(
    staticKeys: readonly StaticApiKey[],
    private readonly trust: KeyEventTrust,
    private readonly onRefused: (refused: RefusedKeyEvent) => void = (refused) =>
      consoleReport.error(
        { component: 'api-keys', eventId: refused.eventId, type: refused.type, revision: refused.revision },
        `API keys: REFUSED key event ${refused.eventId} (${refused.type}, revision ${refused.revision}): ${refused.why}`,
      ),
  ) {
    this.staticByHash = new Map(
      staticKeys.map((k) => [hashApiKey(k.key), { actor: k.name, roles: k.roles, credential: `api-key:${k.name}` }]),
    );
    this.keyNames = new Set(staticKeys.map((k) => k.name));
  }

  /**
   * Loads the issued keys, then follows the stream until `close()` (a failure to load them
   * now rejects). Should following fail later, it is reported once and started again on
   * its own after a transient failure, with growing delays, from the last event applied:
   * a revocation must not stay unseen until a restart.
   */
  async follow(
    store: EventStore,
    onError: (error: unknown) => void = (error) => consoleReport.error({ component: 'api-keys', err: error }, `API keys: ${String(error)}`),
  ): Promise<void> {
    this.following = { store, onError };
    await this.subscribe(store);
  }

  close(): void {
    this.closed = true;
    this.state = 'stopped';
    this.restarts.cancel();
    this.subscription?.close();
  }

  /** `api-keys`: `recovering` while following the stream starts again after a failure. */
  health(): ComponentHealth {
    return this.restarts.health({ component: 'api-keys', neededToServe: true }, this.state, this.subscription?.interruption);
  }

  /** Follows the stream again now when following failed. */
  retryNow(): void {
    if (this.state === 'failed') this.restarts.retryNow();
  }

  /** Reads the stream after the last event applied, then follows it from the head seen before that read. */
  private async subscribe(store: EventStore): Promise<void> {
    const head = await store.headPosition();
    for (const event of await store.readStream(ACCESS_KEYS_STREAM, { fromRevision: this.lastRevision + 1 })) this.apply(event);
    if (this.closed) return;
    const subscription = store.subscribe({ from: head, filter: { streamIds: [ACCESS_KEYS_STREAM] } });
    this.subscription = subscription;
    this.state = 'running';
    // Here, before the loop: a subscription that fails at once must find its failure recorded after this.
    this.restarts.resumed();
    void (async () => {
      let failure: unknown;
      try {
        for await (const event of subscription) {
          this.apply(event);
          this.restarts.succeeded();
        }
      } catch (error) {
        failure = error;
      }
      if (this.closed || subscription !== this.subscription) return;
      // Not ended by `close`: the store failed it, or ended it (closed, or lost).
      this.failed(failure ?? new StoreUnavailableError('The event store ended the subscription to the access keys'));
    })();
  }

  private failed(error: unknown): void {
    this.state = 'failed';
    this.subscription = undefined;
    this.restarts.afterFailure(error);
  }

  private async resume(): Promise<void> {
    if (this.closed || this.state !== 'failed' || !this.following) return;
    try {
      await this.subscribe(this.following.store);
    } catch (error) {
      if (!this.closed) this.failed(error);
    }
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

  private apply(event: RecordedEvent): void {
    // The stream is read, then followed from the head seen before reading: skip the overlap.
    if (event.revision <= this.lastRevision) return;
    this.lastRevision = event.revision;
    const verdict = judgeKeyEvent(event, this.trust);
    if (!verdict.believed) {
      const refused = { eventId: event.eventId, revision: event.revision, type: event.type, why: verdict.why };
      this.refused.push(refused);
      this.onRefused(refused);
      return;
    }
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
