import { randomUUID } from 'node:crypto';
import type { JsonObject, RecordedEvent } from '#event-store';
import type { Response, Test } from 'supertest';
import type { TestLedger } from '../../support/test-ledger.js';

/**
 * The fast API tier, after emmett's `ApiSpecification`: given events already in the
 * (in-memory) store, when one HTTP request reaches the Nest app (supertest, nothing
 * listening), then the answer and the events that request wrote.
 *
 *   await spec(recordedLines(dealLines(dealId).slice(0, 1)))
 *     .when((http) => http.post(`/deals/${dealId}/notes`).send(note))
 *     .then(expectResponse(201), expectNewEvents(`deal-${dealId}`, [{ type: 'NoteRecorded.v1' }]));
 */

/** Something in the store before the request. */
export type Given = (ledger: TestLedger) => Promise<void>;

/** The request: `http` carries analyst-1's key (every role); `anonymous` carries none. */
export type When = (http: ReturnType<TestLedger['http']>, anonymous: ReturnType<TestLedger['anonymous']>) => Test;

/** What the request did: its answer, and every event appended while it was answered. */
export interface Outcome {
  response: Response;
  written: RecordedEvent[];
}

export type Then = (outcome: Outcome) => void | Promise<void>;

export interface ApiSpecification {
  (...given: Given[]): { when(request: When): { then(...checks: Then[]): Promise<Outcome> } };
}

/** A specification over the file's ledger (see useApiLedger). */
export function apiSpecification(ledger: { readonly current: TestLedger }): ApiSpecification {
  return (...given) => ({
    when: (request) => ({
      then: async (...checks) => {
        const current = ledger.current;
        for (const step of given) await step(current);
        const head = await current.runtime.store.headPosition();
        // Reads answer from the read models: they first catch up with what was given.
        if (!(await current.runtime.runner.waitFor(head, 5_000))) throw new Error(`the read models did not reach position ${head}`);
        const response = await request(current.http(), current.anonymous());
        const written: RecordedEvent[] = [];
        for await (const event of current.runtime.store.readAll({ after: head })) written.push(event);
        const outcome = { response, written };
        for (const check of checks) await check(outcome);
        return outcome;
      },
    }),
  });
}

/** Given: events appended as they are to one stream (no decider involved). */
export function existingStream(streamId: string, events: { type: string; data: JsonObject }[]): Given {
  return async (ledger) => {
    const commandId = randomUUID();
    await ledger.runtime.store.append(
      streamId,
      events.map(({ type, data }) => ({
        eventId: randomUUID(),
        type,
        data,
        metadata: { actor: 'analyst-1', commandId, correlationId: commandId, causationId: commandId },
      })),
      'any',
    );
  };
}

/** Then: the status, and (where given) a body and headers the answer contains. */
export function expectResponse(status: number, expected: { body?: unknown; headers?: Record<string, string | RegExp> } = {}): Then {
  return ({ response }) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status, ...(expected.body === undefined ? {} : { body: expected.body }) });
    for (const [name, value] of Object.entries(expected.headers ?? {})) {
      if (value instanceof RegExp) expect(response.headers[name.toLowerCase()]).toMatch(value);
      else expect(response.headers[name.toLowerCase()]).toBe(value);
    }
  };
}

/** Then: a refusal with its stable code, the field it names (or none), and a message. */
export function expectError(status: number, code: string, field?: string): Then {
  return ({ response }) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    if (field !== undefined) expect(response.body.field).toBe(field);
    expect(typeof response.body.message).toBe('string');
  };
}

/** Then: exactly these events (each matched as a subset: type, data…) were appended to the stream. */
export function expectNewEvents(
  streamId: string,
  events: (Partial<Pick<RecordedEvent, 'type' | 'data'>> & { metadata?: Partial<RecordedEvent['metadata']> })[],
): Then {
  return ({ written }) => {
    expect(written.filter((e) => e.streamId === streamId)).toMatchObject(events);
  };
}

/** Then: nothing at all was appended (to any stream). */
export function expectNoEvents(): Then {
  return ({ written }) => {
    expect(written.map((e) => `${e.streamId} ${e.type}`)).toEqual([]);
  };
}

/** Given: an earlier request, answered with a 2xx (what a client did before this case). */
export function acceptedRequest(request: When): Given {
  return async (ledger) => {
    const response = await request(ledger.http(), ledger.anonymous());
    if (response.status >= 300) throw new Error(`given request answered ${response.status}: ${JSON.stringify(response.body)}`);
  };
}
