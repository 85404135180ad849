import { ErrorCodes, conflict, invalid, notFound } from '../errors.js';
import type { ApiKeyEvent } from './api-key-events.js';
import type { ApiKeyFacts, ApiKeyState } from './api-key-state.js';
import { isRole, ROLES, type Role } from './roles.js';

/** A key's name becomes the actor on what it writes: a plain, printable identifier. */
export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** How a key's SHA-256 is stored: lowercase hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

interface KeyToRecord {
  /** Chosen by the caller (ids come in with the command). */
  keyId: string;
  name: string;
  roles: readonly string[];
  sha256: string;
}

/** A new key: no active key may have its name. */
export interface IssueApiKey extends KeyToRecord {
  type: 'IssueApiKey';
}

/** A key issued elsewhere, known by its hash only (keys files of earlier releases): its name may be taken. */
export interface AdoptApiKey extends KeyToRecord {
  type: 'AdoptApiKey';
}

/** By key id, or by the name of an active key. */
export interface RevokeApiKey {
  type: 'RevokeApiKey';
  key: string;
  reason: string | null;
}

export type ApiKeyCommand = IssueApiKey | AdoptApiKey | RevokeApiKey;

/** The events a key command produces on these keys, or a DomainError saying why not. */
export function decideApiKeys(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
  switch (command.type) {
    case 'IssueApiKey':
    case 'AdoptApiKey':
      return [{ type: 'ApiKeyIssued.v1', data: recordable(command, state) }];
    case 'RevokeApiKey': {
      const { keyId, name } = revocable(command.key, state);
      return [{ type: 'ApiKeyRevoked.v1', data: { keyId, name, reason: command.reason } }];
    }
    default: {
      const unknown: never = command;
      throw invalid(ErrorCodes.unknownCommand, `Unknown command type ${JSON.stringify((unknown as { type?: unknown }).type)}`, 'type');
    }
  }
}

function recordable(command: IssueApiKey | AdoptApiKey, state: ApiKeyState) {
  const { keyId, name, sha256 } = command;
  if (!SHA256_HEX.test(sha256)) throw invalid(ErrorCodes.keyInvalidHash, 'sha256 must be 64 hex digits', 'sha256');
  const roles = validRoles(command.roles);
  if (!KEY_NAME.test(name)) {
    throw invalid(ErrorCodes.keyInvalidName, 'name must be 1–64 characters of A-Z a-z 0-9 . _ @ -, starting with a letter or digit', 'name');
  }
  if (command.type === 'IssueApiKey' && activeNamed(name, state)) {
    throw conflict(ErrorCodes.keyNameTaken, `An active key is already named ${name}: revoke it first`, 'name');
  }
  return { keyId, name, roles, sha256 };
}

function revocable(keyIdOrName: string, state: ApiKeyState): ApiKeyFacts {
  const key = state.keys.get(keyIdOrName) ?? activeNamed(keyIdOrName, state);
  if (!key) throw notFound(ErrorCodes.keyNotFound, `No key ${keyIdOrName}`);
  if (key.revoked) throw conflict(ErrorCodes.keyAlreadyRevoked, `Key ${key.keyId} is already revoked`);
  return key;
}

const activeNamed = (name: string, state: ApiKeyState): ApiKeyFacts | undefined =>
  [...state.keys.values()].find((key) => key.name === name && !key.revoked);

function validRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    const not = unknown.length ? ` (not ${unknown.join(', ')})` : '';
    throw invalid(ErrorCodes.keyInvalidRole, `roles must name at least one of ${ROLES.join(', ')}${not}`, 'roles');
  }
  return [...new Set(roles as Role[])];
}
