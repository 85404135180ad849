import { describeAppendContract } from './append.contract.js';
import { describeChainContract } from './chain.contract.js';
import { DENSE_ATOMIC_UNIQUE, logPlaces, type AdapterTraits, type ContractHarness, type EventStoreFactory } from './contract-fixtures.js';
import { describeConcurrencyContract } from './concurrency.contract.js';
import { describeDisposalContract } from './disposal.contract.js';
import { describeReadContract } from './read.contract.js';
import { describeSubscribeContract } from './subscribe.contract.js';

export type { AdapterTraits, ContractHarness, EventStoreFactory } from './contract-fixtures.js';

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with
 * a factory of fresh, empty stores and the traits it declares (by default those of the
 * SQLite store); an adapter that passes can replace any other with the same traits.
 */
export function describeEventStoreContract(
  adapterName: string,
  createStore: EventStoreFactory,
  traits: AdapterTraits = DENSE_ATOMIC_UNIQUE,
): void {
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
      traits,
      places: (store) => logPlaces(store ?? harness.store, traits),
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
    describeChainContract(harness);
    describeDisposalContract(harness);
  });
}
