export * from './event-selection.js';
export * from './live-event-feed.js';
export * from './feed-reader.js';
export * from './durable/durable-session.js';
export * from './durable/durable-subscription-store.js';
export * from './durable/durable-subscriptions.js';
export * from './durable/subscription.errors.js';
