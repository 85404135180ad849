import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { API_KEY_EVENT_TYPES, decideApiKeys, evolveApiKeys, initialApiKeyState, type ApiKeyCommand, type ApiKeyEvent, type ApiKeyState } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { ApplicationError } from '../application.errors.js';
import { handleCommand, type StreamFold } from '../command-handling/handle-command.js';
import { ACCESS_KEYS_STREAM } from './access-events.js';
import { foldApiKeys, type ApiKeyRecord } from './api-key-records.js';
import { judgeKeyEvent, KEY_SIGNATURE, signKeyEvent, type KeyEvents, type KeyEventTrust } from './key-event-signature.js';

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** 32 random bytes: nothing to guess, and the stored SHA-256 cannot be reversed. */
export const newApiKey = (): string => `dl_${randomBytes(32).toString('base64url')}`;

/**
 * The key rules decide on the key events the ledger believes only: a forged issue must not
 * take a name from a real key, nor a forged revocation end one.
 */
const apiKeysFold = (trust: KeyEventTrust): StreamFold<ApiKeyState, ApiKeyEvent> => ({
  initialState: initialApiKeyState,
  decode: (recorded) =>
    (API_KEY_EVENT_TYPES as readonly string[]).includes(recorded.type) && judgeKeyEvent(recorded, trust).believed
      ? ({ type: recorded.type, data: recorded.data } as ApiKeyEvent)
      : undefined,
  evolve: evolveApiKeys,
});

/** Attempts when another admin changed the keys in between: the rules are checked again on each. */
const MAX_ATTEMPTS = 5;

type KeyRequest = { name: string; roles: readonly string[] };

/**
 * Issues and revokes API keys through the command path: the key rules (#domain's
 * `decideApiKeys`) decide on the `access-keys` stream as read, and the append holds only
 * at that revision, so that two admins never both take a name or revoke on a stale view.
 */
export class ApiKeyBook {
  constructor(
    private readonly store: EventStore,
    /** The ledger's signing key, which signs every key event, and which key events are believed (key-event-signature.ts). */
    private readonly keys: KeyEvents,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The keys as the registry sees them; key events it would refuse are left out (see `refused`). */
  async list(): Promise<ApiKeyRecord[]> {
    return foldApiKeys(this.believed(await this.store.readStream(ACCESS_KEYS_STREAM)));
  }

  private believed(events: readonly RecordedEvent[]): RecordedEvent[] {
    return events.filter((event) => judgeKeyEvent(event, this.keys.trust).believed);
  }

  /** Key events in the stream the ledger does not believe (forged, or unsigned where that is not trusted), with why. */
  async refused(): Promise<{ eventId: string; revision: number; type: string; why: string }[]> {
    const refused = [];
    for (const event of await this.store.readStream(ACCESS_KEYS_STREAM)) {
      const verdict = judgeKeyEvent(event, this.keys.trust);
      if (!verdict.believed) refused.push({ eventId: event.eventId, revision: event.revision, type: event.type, why: verdict.why });
    }
    return refused;
  }

  /** Returns the key in plain text: the only time anyone sees it. */
  async issue({ name, roles }: KeyRequest, actor: string): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = newApiKey();
    return { key, record: await this.record({ type: 'IssueApiKey', keyId: newKeyId(), name, roles, sha256: hashApiKey(key) }, actor) };
  }

  /** Records a key issued elsewhere, known by its hash only (keys files of earlier releases). */
  async adopt({ name, roles, sha256 }: KeyRequest & { sha256: string }, actor: string): Promise<ApiKeyRecord> {
    return this.record({ type: 'AdoptApiKey', keyId: newKeyId(), name, roles, sha256 }, actor);
  }

  /** Revokes by key id or by the name of an active key; revoking twice is refused. */
  async revoke(key: string, actor: string, reason?: string): Promise<ApiKeyRecord> {
    const { decided, loaded } = await this.handle({ type: 'RevokeApiKey', key, reason: reason ?? null }, actor);
    const revoked = foldApiKeys(this.believed(loaded.events)).find((k) => k.keyId === decided[0]!.data.keyId)!;
    return { ...revoked, revokedAt: this.clock().toISOString() };
  }

  private async record(command: ApiKeyCommand, actor: string): Promise<ApiKeyRecord> {
    const { decided } = await this.handle(command, actor);
    const { data } = decided[0] as Extract<ApiKeyEvent, { type: 'ApiKeyIssued.v1' }>;
    return { ...data, issuedAt: this.clock().toISOString(), issuedBy: actor, revokedAt: null };
  }

  private handle(command: ApiKeyCommand, actor: string) {
    // One event per key command, its id also the command's: there is no idempotency key to derive from.
    const id = uuidv7();
    return handleCommand(
      this.store,
      {
        streamId: ACCESS_KEYS_STREAM,
        fold: apiKeysFold(this.keys.trust),
        decide: (state) => decideApiKeys(command, state),
        encode: (events, loaded) => {
          if (!loaded) throw new Error('A key event is signed at the place it takes: encode it with the stream it follows');
          return events.map((event, i) => {
            const data = { ...event.data };
            const revision = (loaded.revision === 'no_stream' ? 0 : loaded.revision + 1) + i;
            const signed = { streamId: ACCESS_KEYS_STREAM, revision, eventId: id, type: event.type, data, actor };
            const metadata = { actor, commandId: id, correlationId: id, causationId: id, [KEY_SIGNATURE]: signKeyEvent(this.keys.signingKey, signed) };
            return { eventId: id, type: event.type, data, metadata };
          });
        },
      },
      { maxAttempts: MAX_ATTEMPTS, exhausted: () => keysChangedConcurrently() },
    );
  }
}

const newKeyId = (): string => `key-${randomBytes(8).toString('hex')}`;

const keysChangedConcurrently = (): ApplicationError =>
  new ApplicationError('KEYS.CHANGED_CONCURRENTLY', 'The keys changed while this was decided: list them and try again', 'conflict');
