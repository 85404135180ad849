import { Inject, Injectable } from '@nestjs/common';
import type { ComponentHealth, EventStore, SelfHealing } from '#event-store';
import { EVENT_STORE, SELF_HEALING } from '../tokens.js';
import { recordAdminEvent } from './record-admin-event.js';

/**
 * The parts that follow the log, for readiness and for an admin. A part stopped on a
 * failure that needs an operator stays faulted until told to try again: the admin who
 * fixed the cause does so here. The request is recorded in the `admin-components` stream
 * (who, which parts, why) before the parts are told, like every admin operation.
 */
@Injectable()
export class ComponentAdmin {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SELF_HEALING) private readonly components: readonly SelfHealing[],
  ) {}

  health(): ComponentHealth[] {
    return this.components.map((component) => component.health());
  }

  /** Tells every part a failure stopped (recovering or faulted) to start again now; answers their health after. */
  async retry(actor: string, reason?: string): Promise<ComponentHealth[]> {
    const waiting = this.components
      .map((part) => ({ part, health: part.health() }))
      .filter(({ health }) => health.state === 'recovering' || health.state === 'faulted');
    if (waiting.length > 0) {
      const components = waiting.map(({ health: { component, state, failure } }) => ({ component, state, failure: failure ?? null }));
      await recordAdminEvent(this.store, 'components', { type: 'ComponentsRetried.v1', data: { components, reason: reason ?? null } }, actor);
    }
    for (const { part } of waiting) part.retryNow();
    return this.health();
  }
}
