import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { DurableSubscriptions, LiveEventFeed } from '#application';
import { ApiKeyRegistry, type LedgerRuntime } from '#runtime';
import { ContractHttpController } from './contract.http.controller.js';
import { DurableSubscriptionsHttpController } from './durable-subscriptions.http.controller.js';
import { EventStreamHttpController } from './event-stream.http.controller.js';
import { EventStreams } from './event-streams.js';
import { SUBSCRIPTION_EVENT_STORE, SUBSCRIPTION_OPTIONS, type SubscriptionOptions } from './subscription-options.js';

const feedLogger = new Logger('EventFeed');

/** Event streams for other services: SSE with resume, durable subscriptions, and the event contract. */
@Module({})
export class SubscriptionsModule {
  static forRuntime(runtime: LedgerRuntime, apiKeys: ApiKeyRegistry, options: SubscriptionOptions = {}): DynamicModule {
    const feed = {
      provide: LiveEventFeed,
      useFactory: () => {
        const live = new LiveEventFeed(runtime.store, {
          ...options,
          onFailure: (error) => feedLogger.warn(`The event feed lost its subscription, subscribing again on its own: ${String((error as Error)?.message ?? error)}`),
        });
        runtime.selfHealing.push(live);
        return live;
      },
    };
    return {
      module: SubscriptionsModule,
      controllers: [EventStreamHttpController, DurableSubscriptionsHttpController, ContractHttpController],
      providers: [
        feed,
        { provide: SUBSCRIPTION_EVENT_STORE, useValue: runtime.store },
        { provide: SUBSCRIPTION_OPTIONS, useValue: options },
        // Streams opened with a key end when it is revoked.
        { provide: ApiKeyRegistry, useValue: apiKeys },
        {
          provide: DurableSubscriptions,
          inject: [LiveEventFeed],
          useFactory: (live: LiveEventFeed) => new DurableSubscriptions(runtime.store, live, runtime.subscriptions),
        },
        EventStreams,
      ],
      exports: [EventStreams],
    };
  }
}
