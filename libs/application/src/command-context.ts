import type { FoldedStreamCache } from './command-handling/folded-stream-cache.js';
import type { PersonalDataSealer } from './records/personal-data/personal-data-sealer.js';
import type { DecisionContext, EffectiveWindow, PlausibilityOverride } from '#domain';

/** Who sent a command, when, and how it relates to others; never taken from the command's facts. */
export interface CommandContext {
  /** The authenticated caller. */
  actor: string;
  /** Idempotency key: the same id is recorded once, whatever the retries. */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** From `If-Match`: append only if the deal is still at this revision. */
  expectedRevision?: number;
  /** When the ledger received the command (ISO-8601): what it reports cannot be later. */
  receivedAt: string;
  /** The writer's reason to record an `effectiveAt` outside the plausible window; kept in the metadata. */
  plausibilityOverride?: PlausibilityOverride;
}

/** What the server's configuration sets for every command, on any stream. */
export interface CommandSettings {
  /** Attempts on a concurrency conflict when the caller sent no `If-Match`. */
  maxConflictRetries: number;
  /** Where an `effectiveAt` is plausible (LEDGER_EFFECTIVE_WINDOW). */
  effectiveWindow: EffectiveWindow;
  /** Where names of people are kept apart from the log; without it they are written as given. */
  personalData?: PersonalDataSealer | undefined;
  /** Deal states kept between commands (read since, not reloaded); without it each command reads its whole stream. */
  foldedStreams?: FoldedStreamCache | undefined;
}

/** What a decider is told about the moment and the rules of plausibility: the same for every stream's commands. */
export function decisionContextOf(context: CommandContext, effectiveWindow: EffectiveWindow): DecisionContext {
  return {
    now: context.receivedAt,
    effectiveWindow,
    ...(context.plausibilityOverride !== undefined && { plausibilityOverride: context.plausibilityOverride }),
  };
}
