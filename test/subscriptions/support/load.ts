import { randomUUID } from 'node:crypto';
import { dealStreamName, toStoredEvent, type DealEvent } from '#domain';
import type { EventStore, NewEvent } from '#event-store';

/**
 * Test load: valid deal events appended straight to the store (no HTTP, no decide), so
 * that thousands of them take a second. Each writer owns its deals; a deal starts with
 * DealRegistered and goes on with notes.
 */

const source = { publisher: 'Load', tier: 'primary' as const };

function newEvent(event: DealEvent): NewEvent {
  const id = randomUUID();
  return { eventId: id, ...toStoredEvent(event), metadata: { actor: 'load', commandId: id, correlationId: id, causationId: id } };
}

export function registration(dealId: string): DealEvent {
  return {
    type: 'DealRegistered.v2',
    data: { dealId, title: `Deal ${dealId}`, parties: [{ partyId: 'p', name: 'P', kind: 'company', roles: ['target'] }], commodities: [], source, reportedAt: '2025-01-01' },
  };
}

export function note(index: number): DealEvent {
  return { type: 'NoteRecorded.v1', data: { noteId: `n${index}`, text: `note ${index}`, source, reportedAt: '2025-01-02' } };
}

export interface LoadOptions {
  /** Events in all (registrations included). */
  events: number;
  writers: number;
  /** Events per append (one transaction). */
  batch: number;
  /** Deal id prefix, so that several loads in one store do not collide. */
  prefix?: string;
  /** Called between appends: lets a test interleave other work (drop connections…). */
  between?: () => Promise<void> | void;
}

/** Appends `events` events from `writers` concurrent writers; resolves with their positions in order. */
export async function appendLoad(store: EventStore, options: LoadOptions): Promise<number[]> {
  const positions: number[] = [];
  const perWriter = Math.ceil(options.events / options.writers);
  let remaining = options.events;
  const writer = async (w: number) => {
    const dealId = `${options.prefix ?? 'load'}-${w}`;
    let written = 0;
    while (written < perWriter && remaining > 0) {
      const events: DealEvent[] = [];
      while (events.length < options.batch && written + events.length < perWriter && remaining - events.length > 0) {
        events.push(written + events.length === 0 ? registration(dealId) : note(written + events.length));
      }
      remaining -= events.length;
      const result = await store.append(dealStreamName(dealId), events.map(newEvent), 'any');
      for (let p = result.firstPosition; p <= result.lastPosition; p++) positions.push(p);
      written += events.length;
      await options.between?.();
      // Yield to the event loop: the server streams while the writers write.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
  return positions.sort((a, b) => a - b);
}
