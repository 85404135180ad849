import { Outcome } from '../../deal/testing/given-when-then.js';
import type { ApiKeyEvent } from '../api-key-events.js';
import { foldApiKeyEvents, type ApiKeyState } from '../api-key-state.js';
import { decideApiKeys, type ApiKeyCommand } from '../api-keys.decide.js';

/** Test-only: given past key events, when a key command, then the new events or the error. */
export function given(...history: ApiKeyEvent[]): { state: ApiKeyState; when(command: ApiKeyCommand): Outcome<ApiKeyEvent> } {
  const state = foldApiKeyEvents(history);
  return { state, when: (command) => new Outcome(() => decideApiKeys(command, state)) };
}
