import {
  DEAL_EVENT_DEFINITIONS,
  SHARED_DEFINITIONS,
  envelopeSchema,
  withDefinitionsUnder,
  type JsonSchema,
} from '#domain';

const COMPONENTS = '#/components/schemas/';
const current = () => DEAL_EVENT_DEFINITIONS.filter((definition) => definition.status === 'current');

/**
 * The AsyncAPI 3.0 document of the ledger's event streams, generated from the same
 * definitions as /schemas and the code (libs/domain/src/deal/deal-event-schemas.ts).
 * One message per current event type; superseded versions are never delivered (they are
 * read as their successor) and are listed under `x-superseded`.
 */
export function asyncApiDocument(host: string): Record<string, unknown> {
  const messageRefs = Object.fromEntries(current().map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }]));
  const channel = (address: string, title: string, description: string, parameters?: Record<string, unknown>) => ({
    address,
    title,
    description,
    ...(parameters ? { parameters } : {}),
    messages: messageRefs,
  });
  const receive = (channelName: string, summary: string) => ({
    action: 'receive',
    summary,
    channel: { $ref: `#/channels/${channelName}` },
    messages: current().map((d) => ({ $ref: `#/channels/${channelName}/messages/${d.type}` })),
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
        '/subscriptions/events{?from,category,type,dealId}',
        'Every deal event, catch-up then live',
        '`from`: `start` (default), `end` or a cursor; `category`, `type`, `dealId`: comma-separated lists, all must hold.',
      ),
      dealEvents: channel('/deals/{dealId}/events{?follow,from}', "One deal's events, catch-up then live", '`follow=true` streams.', {
        dealId: { description: 'The deal id' },
      }),
      durableSubscription: channel(
        '/subscriptions/durable/{name}/events',
        'A durable subscription (at-least-once)',
        'Deliveries after the checkpoint, each with `delivery.attempt`; settle them with POST …/ack and …/nack.',
        { name: { description: 'The subscription name' } },
      ),
    },
    operations: {
      receiveEvents: receive('events', 'Follow the ledger'),
      receiveDealEvents: receive('dealEvents', 'Follow one deal'),
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
            payload: envelopeSchema({ const: d.type }, { $ref: `${COMPONENTS}${d.type}` } as JsonSchema),
          },
        ]),
      ),
    },
    'x-superseded': DEAL_EVENT_DEFINITIONS.filter((d) => d.status === 'superseded').map((d) => ({
      type: d.type,
      readAs: d.supersededBy,
      schema: `/schemas/${d.type}`,
    })),
  };
}
