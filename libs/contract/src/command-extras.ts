import type { PlausibilityOverride } from '#domain';
import { membersToDomain } from './deal/requests/to-domain.js';

/** What a body may carry besides the command's facts (see CommandRequest): they go to the command's context. */
export type CommandExtras = 'commandId' | 'plausibilityOverride';

/** A validated body's facts, as the domain's values: the extras left out. */
export function factsOf(body: object, commandId: string): Record<string, unknown> {
  const { commandId: _idempotencyKey, plausibilityOverride: _override, ...members } = body as Record<CommandExtras, unknown>;
  return membersToDomain(members, '', commandId);
}

/**
 * The override a validated body carries, as the domain's plain value (for the command context).
 * The request class has refused anything but an object with a reason; what else reaches here
 * (a body from elsewhere) is passed on as it is, for the domain's rules to refuse by name.
 */
export function plausibilityOverrideOf(body: object): PlausibilityOverride | undefined {
  const { plausibilityOverride } = body as { plausibilityOverride?: unknown };
  if (plausibilityOverride === undefined) return undefined;
  const reason = typeof plausibilityOverride === 'object' && plausibilityOverride !== null ? (plausibilityOverride as { reason?: unknown }).reason : undefined;
  return { reason } as PlausibilityOverride;
}
