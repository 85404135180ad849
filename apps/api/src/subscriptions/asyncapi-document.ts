import {
  PUBLISHED_EVENT_DEFINITIONS,
  SHARED_DEFINITIONS,
  envelopeSchema,
  envelopeSubjectOf,
  withDefinitionsUnder,
  type DealEventDefinition,
  type JsonSchema,
} from '#domain';

const COMPONENTS = '#/components/schemas/';
const current = () => PUBLISHED_EVENT_DEFINITIONS.filter((definition) => definition.status === 'current');
/** One deal's stream carries deal events only (no party or records event). */
const currentOfDeals = () => current().filter((definition) => envelopeSubjectOf(definition.type) === 'dealId');

/**
 * The AsyncAPI 3.0 document of the ledger's event streams, generated from the same
 * definitions as /schemas and the code (libs/domain/src/deal/deal-event-schemas.ts,
 * libs/domain/src/party/party-event-schemas.ts, libs/domain/src/records/records-event-schemas.ts).
 * One message per current event type, deal, party or records; superseded versions are never
 * delivered (they are read as their successor) and are listed under `x-superseded`.
 */
export function asyncApiDocument(host: string): Record<string, unknown> {
  const channel = (
    address: string,
    title: string,
    description: string,
    parameters?: Record<string, unknown>,
    definitions: readonly DealEventDefinition[] = current(),
  ) => ({
    address,
    title,
    description,
    ...(parameters ? { parameters } : {}),
    messages: Object.fromEntries(definitions.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
  });
  const receive = (channelName: string, summary: string, definitions: readonly DealEventDefinition[] = current()) => ({
    action: 'receive',
    summary,
    channel: { $ref: `#/channels/${channelName}` },
    messages: definitions.map((d) => ({ $ref: `#/channels/${channelName}/messages/${d.type}` })),
  });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Deal Ledger events',
      version: '0.1.0',
      description:
        'Server-Sent Events over HTTP. Every message is one `data:` line holding an event envelope; its SSE `id:` is the ' +
        "event's cursor. Reconnect with `Last-Event-ID` to resume right after the last event received. Events are " +
        'delivered in the current shape of their type: a stored superseded version is read through its upcaster, and ' +
        '`storedType` names what was stored. The server ends a stream only with `event: end` and a JSON reason.',
    },
    servers: { ledger: { host, protocol: 'http', description: 'The ledger this document was served by' } },
    defaultContentType: 'application/json',
    channels: {
      events: channel(
        '/subscriptions/events{?from,category,type,dealId,partyId}',
        'Every deal, party and records event, catch-up then live',
        '`from`: `start` (default), `end` or a cursor; `category` (`deal`, `party`, `records`; all by default), `type`: ' +
          'comma-separated lists, all must hold; `dealId`, `partyId`: the streams of those deals and parties (records events ' +
          'name neither).',
      ),
      dealEvents: channel(
        '/deals/{dealId}/events{?follow,from}',
        "One deal's events, catch-up then live",
        '`follow=true` streams.',
        { dealId: { description: 'The deal id' } },
        currentOfDeals(),
      ),
      durableSubscription: channel(
        '/subscriptions/durable/{name}/events',
        'A durable subscription (at-least-once)',
        'Deliveries after the checkpoint, each with `delivery.attempt`; settle them with POST …/ack and …/nack.',
        { name: { description: 'The subscription name' } },
      ),
    },
    operations: {
      receiveEvents: receive('events', 'Follow the ledger'),
      receiveDealEvents: receive('dealEvents', 'Follow one deal', currentOfDeals()),
      consumeDurableSubscription: receive('durableSubscription', 'Consume a durable subscription'),
    },
    components: {
      schemas: {
        ...Object.fromEntries(Object.entries(SHARED_DEFINITIONS).map(([name, schema]) => [name, withDefinitionsUnder(schema, COMPONENTS)])),
        ...Object.fromEntries(current().map((d) => [d.type, withDefinitionsUnder(d.schema, COMPONENTS)])),
      },
      messages: Object.fromEntries(
        current().map((d) => [
          d.type,
          {
            name: d.type,
            title: d.name,
            summary: d.summary,
            contentType: 'application/json',
            payload: envelopeSchema({ const: d.type }, { $ref: `${COMPONENTS}${d.type}` } as JsonSchema, envelopeSubjectOf(d.type)),
          },
        ]),
      ),
    },
    'x-superseded': PUBLISHED_EVENT_DEFINITIONS.filter((d) => d.status === 'superseded').map((d) => ({
      type: d.type,
      readAs: d.supersededBy,
      schema: `/schemas/${d.type}`,
    })),
  };
}
