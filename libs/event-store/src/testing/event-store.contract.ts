import type { EventStore } from '../event-store.port.js';
import { describeAppendContract } from './append.contract.js';
import type { ContractHarness, EventStoreFactory } from './contract-fixtures.js';
import { describeConcurrencyContract } from './concurrency.contract.js';
import { describeReadContract } from './read.contract.js';
import { describeSubscribeContract } from './subscribe.contract.js';

export type { ContractHarness, EventStoreFactory } from './contract-fixtures.js';

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with
 * a factory of fresh, empty stores; an adapter that passes can replace any other.
 */
export function describeEventStoreContract(adapterName: string, createStore: EventStoreFactory): void {
  describe(`${adapterName} event store (contract)`, () => {
    let current: Awaited<ReturnType<EventStoreFactory>> | undefined;

    beforeEach(async () => {
      current = await createStore();
    });

    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    const harness: ContractHarness = {
      get store() {
        if (!current) throw new Error('The store exists only inside a test');
        return current.store;
      },
      async withFreshStore(body) {
        const fresh = await createStore();
        try {
          return await body(fresh.store);
        } finally {
          await fresh.cleanup();
        }
      },
    };

    describeAppendContract(harness);
    describeReadContract(harness);
    describeSubscribeContract(harness);
    describeConcurrencyContract(harness);
  });
}
