import type { EventStore, RecordedEvent } from '#event-store';
import type { DurableSubscriptionRecord } from './durable-subscription-states.js';
import { newSubscriptionEvent, SUBSCRIPTION_DEFINITIONS_STREAM, type SubscriptionDefinitionEvent } from './durable-subscription-events.js';

/** Events read per page. */
const PAGE = 100;

/** A subscription as its `Created` event defined it, with the incarnation that event began. */
export type SubscriptionDefinition = Omit<DurableSubscriptionRecord, 'checkpoint'> & { incarnation: string };

/**
 * Which durable subscriptions exist, as the `subscription-definitions` stream of the event
 * store says, folded by this process from where it last read. A creation is appended at the
 * revision last read, so that two replicas never both create one name.
 */
export class SubscriptionDefinitions {
  private revision = -1;
  private readonly byName = new Map<string, SubscriptionDefinition>();

  constructor(private readonly store: EventStore) {}

  /** Catches up on the stream (from where this process last read it). */
  async read(): Promise<void> {
    for (;;) {
      const page = await this.store.readStream(SUBSCRIPTION_DEFINITIONS_STREAM, { fromRevision: this.revision + 1, maxCount: PAGE });
      for (const event of page) {
        // Two reads at once may both bring an event: the first applies it.
        if (event.revision <= this.revision) continue;
        this.apply(event);
        this.revision = event.revision;
      }
      if (page.length < PAGE) return;
    }
  }

  /** As last read. */
  known(name: string): SubscriptionDefinition | undefined {
    return this.byName.get(name);
  }

  /** As last read, by name. */
  all(): SubscriptionDefinition[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Appends a creation whose event id is the new incarnation, at the revision last read:
   * WrongExpectedRevisionError when another replica changed the definitions since.
   */
  async appendCreated(created: Extract<SubscriptionDefinitionEvent, { type: 'DurableSubscriptionCreated.v1' }>, incarnation: string): Promise<void> {
    const expected = this.revision === -1 ? 'no_stream' : this.revision;
    await this.store.append(SUBSCRIPTION_DEFINITIONS_STREAM, [newSubscriptionEvent(created, created.data.createdBy, incarnation)], expected);
  }

  /** Appends a deletion of this incarnation; no expected revision: deleting twice deletes once. */
  async appendDeleted(definition: SubscriptionDefinition): Promise<void> {
    const deleted: SubscriptionDefinitionEvent = { type: 'DurableSubscriptionDeleted.v1', data: { name: definition.name, incarnation: definition.incarnation } };
    await this.store.append(SUBSCRIPTION_DEFINITIONS_STREAM, [newSubscriptionEvent(deleted)], 'any');
  }

  private apply(recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as SubscriptionDefinitionEvent;
    if (event.type === 'DurableSubscriptionCreated.v1') {
      this.byName.set(event.data.name, { ...event.data, incarnation: recorded.eventId });
    } else if (event.type === 'DurableSubscriptionDeleted.v1') {
      if (this.byName.get(event.data.name)?.incarnation === event.data.incarnation) this.byName.delete(event.data.name);
    }
  }
}
