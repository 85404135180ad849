// A TypeScript client of the ledger's event streams: Server-Sent Events with resume,
// durable subscriptions with acks, typed events. It depends on nothing but `fetch`.
export { LedgerClient, DurableSubscriptionsClient, type DurableSubscriptionDefinition, type LedgerClientOptions } from './ledger-client.js';
export { Subscription, type SubscribeOptions } from './subscription.js';
export { DurableConsumer, type ConsumeOptions } from './durable-consumer.js';
export { HandlerError, LedgerHttpError, StreamEndedError } from './errors.js';
export { SseParser, type SseMessage } from './sse-parser.js';
export type { ReconnectOptions } from './reconnecting.js';
export type {
  DurableSubscriptionInfo,
  EventFilter,
  EventHandler,
  LedgerErrorBody,
  LedgerEvent,
  LedgerEventOf,
  LedgerEventType,
  ParkedEvent,
  StartFrom,
} from './types.js';
