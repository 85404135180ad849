import { EVENT_ENVELOPE_SCHEMA } from '#domain';

/**
 * The event envelope subscribers receive already has its schema in the domain (it serves
 * /schemas/envelope): the OpenAPI document takes that one as a component, not a copy.
 */
export const EVENT_ENVELOPE_SCHEMAS = { EventEnvelope: EVENT_ENVELOPE_SCHEMA };

export const EVENT_ENVELOPE_REF = { $ref: '#/components/schemas/EventEnvelope' };
