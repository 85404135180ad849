import type { ApiResponseNoStatusOptions } from '@nestjs/swagger';
import { EVENT_ENVELOPE_REF } from '../http/openapi/event-envelope.schema.js';

/**
 * What an event stream answers: Server-Sent Events whose `data:` lines are envelopes
 * (made by toEventEnvelope, the stream's one converter), `id:` their cursors.
 */
export const EVENT_STREAM_RESPONSE: ApiResponseNoStatusOptions = {
  description: 'Server-Sent Events: each `data:` line an event envelope, its `id:` the cursor; `event: end` with a reason ends it',
  content: { 'text/event-stream': { schema: EVENT_ENVELOPE_REF } },
};
