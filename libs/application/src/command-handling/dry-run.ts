import type { EventMetadata, JsonObject } from '#event-store';
import type { DecidedOnly } from './handle-command.js';

/** An event a dry run would append, as the store would be handed it. */
export interface EventToWrite {
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/** What a dry run answers on any stream: the events a real call would write now, and nothing written. */
export interface CommandDryRun {
  /**
   * The stream's revision the command was decided on (null: no events yet); sent as `If-Match`
   * with the real call, it records exactly this or nothing. A replay: its first run's.
   */
  revision: number | null;
  /** Empty for a replay: a real retry writes nothing either. */
  wouldWrite: EventToWrite[];
  eventTypes: string[];
  /** True when this command id was recorded before: the answer is that run's. */
  replayed: boolean;
}

/** The revision decided on and the events a decision would append. */
export function wouldWriteOf({ loaded, written }: DecidedOnly<unknown, unknown>): Pick<CommandDryRun, 'revision' | 'wouldWrite' | 'eventTypes'> {
  return {
    revision: loaded.revision === 'no_stream' ? null : loaded.revision,
    wouldWrite: written.map(({ type, data, metadata }) => ({ type, data, metadata })),
    eventTypes: written.map((e) => e.type),
  };
}
