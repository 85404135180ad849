import { Ajv } from 'ajv';
import { CURRENT_DEAL_EVENT_TYPES, PARTY_EVENT_TYPES, RECORDS_EVENT_TYPES, SUPERSEDED_DEAL_EVENT_TYPES } from '#domain';
import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { openRawStream, until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

type Json = Record<string, any>;

/** Inlines every `#/…` reference of `node` from `root` (the contract has no recursive shapes). */
function inlined(node: unknown, root: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => inlined(item, root));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Json;
  if (typeof record.$ref === 'string') {
    const target = record.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json | undefined, key: string) => at?.[key], root);
    if (target === undefined) throw new Error(`unresolved ${record.$ref}`);
    const { $ref: _ref, ...rest } = record;
    return { ...(inlined(target, root) as Json), ...rest };
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inlined(value, root)]));
}

/** The contract as served: /schemas and /asyncapi.json describe exactly what the streams deliver. */
describe('the event contract, served', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));
  const ajv = new Ajv({ strict: true, allErrors: true });

  beforeAll(async () => {
    for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
      await ledger.http().post(routeOf(line)).set(ledger.auth).set('Idempotency-Key', line.commandId!).send(line.body).expect(201);
    }
    await ledger.http().post(`/deals/${REFERENCE_DEAL_ID}/figures/support-gov-fr/retractions`).set(ledger.auth).send({ reason: 'withdrawn (hypothetical)' }).expect(201);
    // Two parties and every kind of party event.
    const source = { publisher: 'GLEIF', tier: 'primary' };
    const reported = { source, reportedAt: '2025-04-02' };
    for (const [path, body] of [
      ['/parties', { partyId: 'carester', name: 'Carester', kind: 'company', country: 'FR' }],
      ['/parties', { partyId: 'iwatani', name: 'Iwatani', kind: 'company', lei: '506700GE1G29325QX363' }],
      ['/parties/iwatani/renames', { name: 'Iwatani Corporation', effectiveAt: '2025-04-01' }],
      ['/parties/iwatani/aliases', { alias: 'Iwatani' }],
      ['/parties/iwatani/parents', { parentId: 'carester', effectiveAt: '2025-01-01' }],
      ['/parties/iwatani/parents/carester/end', { effectiveAt: '2025-03-01' }],
    ] as const) {
      await ledger.http().post(path).set(ledger.auth).send({ ...reported, ...body }).expect(201);
    }
  });

  it('lists every event type and version at /schemas, each schema a valid JSON Schema', async () => {
    const index = (await ledger.http().get('/schemas').expect(200)).body;
    // The deal events, then the party events, then the records events.
    expect(index.events.filter((e: Json) => e.status === 'current').map((e: Json) => e.type)).toEqual([...CURRENT_DEAL_EVENT_TYPES, ...PARTY_EVENT_TYPES, ...RECORDS_EVENT_TYPES]);
    expect(index.events).toContainEqual(expect.objectContaining({ type: 'OfftakeSigned.v1', status: 'superseded', supersededBy: 'OfftakeSigned.v3' }));
    for (const event of index.events) {
      const schema = (await ledger.http().get(event.schema).expect(200)).body;
      expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: event.type });
      expect(() => ajv.compile(schema)).not.toThrow();
    }
    expect((await ledger.http().get('/schemas/OfftakeSigned.v3.json').expect(200)).body.title).toBe('OfftakeSigned.v3');
    const missing = await ledger.http().get('/schemas/Nope.v1').expect(404);
    expect(missing.body.code).toBe('SCHEMA.NOT_FOUND');
  });

  it('serves an AsyncAPI 3 document whose references resolve, with one message per current event type, deal, party or records', async () => {
    const doc = (await ledger.http().get('/asyncapi.json').expect(200)).body as Json;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.components.messages)).toEqual([...CURRENT_DEAL_EVENT_TYPES, ...PARTY_EVENT_TYPES, ...RECORDS_EVENT_TYPES]);
    expect(() => inlined(doc, doc)).not.toThrow();
    for (const [name, operation] of Object.entries(doc.operations) as [string, Json][]) {
      expect(operation.action).toBe('receive');
      // One deal's stream holds deal events only; the others carry party and records events too.
      expect(operation.messages).toHaveLength(CURRENT_DEAL_EVENT_TYPES.length + (name === 'receiveDealEvents' ? 0 : PARTY_EVENT_TYPES.length + RECORDS_EVENT_TYPES.length));
    }
    expect(doc.components.messages['PartyRenamed.v1'].payload.required).toContain('partyId');
    expect(doc.components.messages['PartyRenamed.v1'].payload.properties.dealId).toBeUndefined();
    // A records event names no deal or party: its stream says which records.
    const erased = doc.components.messages['PersonalDataErased.v1'].payload;
    expect(erased.required).toEqual(['position', 'eventId', 'streamId', 'revision', 'type', 'data', 'recordedAt', 'metadata']);
    expect(Object.keys(erased.properties)).not.toEqual(expect.arrayContaining(['dealId']));
    expect(Object.keys(erased.properties)).not.toEqual(expect.arrayContaining(['partyId']));
    expect(doc['x-superseded']).toEqual(
      Object.entries(SUPERSEDED_DEAL_EVENT_TYPES).map(([type, readAs]) => ({ type, readAs, schema: `/schemas/${type}` })),
    );
    expect(doc['x-superseded']).toContainEqual({ type: 'OfftakeSigned.v1', readAs: 'OfftakeSigned.v3', schema: '/schemas/OfftakeSigned.v1' });
  });

  it('every event the stream delivers for the reference deal matches its AsyncAPI message and its /schemas schema', async () => {
    const doc = (await ledger.http().get('/asyncapi.json').expect(200)).body as Json;
    const byMessage = new Map(
      Object.entries(doc.components.messages as Record<string, Json>).map(([type, message]) => [type, ajv.compile(inlined(message.payload, doc) as Json)]),
    );
    const stream = await openRawStream(`${ledger.url}/deals/${REFERENCE_DEAL_ID}/events?follow=true`);
    await until(() => stream.messages.length >= 17, 10_000, 'the reference deal and its later events');
    stream.destroy();
    const parties = await openRawStream(`${ledger.url}/subscriptions/events?category=party`);
    await until(() => parties.messages.length >= 6, 10_000, 'the party events');
    parties.destroy();
    const envelopeSchema = (await ledger.http().get('/schemas/envelope').expect(200)).body;
    const envelopeValid = ajv.compile(inlined(envelopeSchema, envelopeSchema) as Json);
    const seen = new Set<string>();
    for (const message of [...stream.messages, ...parties.messages]) {
      const envelope = JSON.parse(message.data) as Json;
      seen.add(envelope.type);
      const validate = byMessage.get(envelope.type)!;
      expect({ type: envelope.type, errors: validate(envelope) ? null : validate.errors }).toEqual({ type: envelope.type, errors: null });
      const schema = (await ledger.http().get(`/schemas/${envelope.type}`).expect(200)).body;
      const validateData = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
      expect(validateData(envelope.data)).toBe(true);
      expect(envelopeValid(envelope) ? null : envelopeValid.errors).toBeNull();
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
    expect([...seen]).toEqual(expect.arrayContaining([...PARTY_EVENT_TYPES]));
  });
});
