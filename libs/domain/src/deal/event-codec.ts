import { ErrorCodes, invalid } from '../errors.js';
import { isRecord } from '../values/input.js';
import { isDealEventType, type DealEvent, type DealEventType } from './deal-events.js';
import { upcastOfftakeSignedV1 } from './offtake-term.js';

/**
 * Between deal events and what the event store holds: a wire name and a JSON object.
 * Old shapes are never edited in place; they are read through upcasters into the
 * current shape, so a stored `….v1` stays byte-for-byte as written.
 */

export interface StoredEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Reads an old wire version as the next one; chains until a current type is reached. */
export interface Upcaster {
  to: string;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export type Upcasters = Readonly<Record<string, Upcaster>>;

/**
 * One entry per superseded version (SUPERSEDED_DEAL_EVENT_TYPES), each reading it as the
 * next version. A new version of a payload adds an entry here; the old shape is never
 * edited in place.
 */
export const upcasters: Upcasters = {
  'OfftakeSigned.v1': { to: 'OfftakeSigned.v2', upcast: upcastOfftakeSignedV1 },
  // The real-deals model widened what figures and parties may hold: every v1 payload is
  // a valid payload of the version after, as it stands.
  'DealRegistered.v1': asItStands('DealRegistered.v2'),
  'InvestmentAnnounced.v1': asItStands('InvestmentAnnounced.v2'),
  'OfftakeSigned.v2': asItStands('OfftakeSigned.v3'),
  'CapacityReported.v1': asItStands('CapacityReported.v2'),
  'GovernmentSupportAnnounced.v1': asItStands('GovernmentSupportAnnounced.v2'),
  'MetricReported.v1': asItStands('MetricReported.v2'),
  'FigureRevised.v1': asItStands('FigureRevised.v2'),
  'FigureCorrected.v1': asItStands('FigureCorrected.v2'),
  // Stakes disclosed before bases and conditions existed: the source did not say.
  'StakeDisclosed.v1': { to: 'StakeDisclosed.v2', upcast: (data) => ({ ...data, basis: 'unspecified', conditional: false }) },
};

function asItStands(to: DealEventType): Upcaster {
  return { to, upcast: (data) => data };
}

/** More hops than any real history needs: a cycle in the map fails instead of spinning. */
const MAX_UPCASTS = 20;

/** Any event of ours (deal or party) as stored. */
export function toStoredEvent(event: { type: string; data: object }): StoredEvent {
  // A JSON round trip: no shared references with the caller, no `undefined` members.
  return { type: event.type, data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown> };
}

/** The deal event a stored one holds, or undefined for events that are not deal events. */
export function fromStoredEvent(type: string, data: unknown, chain: Upcasters = upcasters): DealEvent | undefined {
  let currentType = type;
  let current = data;
  for (let hops = 0; Object.hasOwn(chain, currentType); hops += 1) {
    if (hops === MAX_UPCASTS) {
      throw invalid(ErrorCodes.malformedEvent, `Upcasting ${type} does not end (cycle at ${currentType})`, 'type');
    }
    assertData(current, currentType);
    const upcaster = chain[currentType];
    current = upcaster.upcast(current);
    currentType = upcaster.to;
  }
  if (!isDealEventType(currentType)) return undefined;
  assertData(current, currentType);
  // Stored events were checked by the decider when written; the codec does not re-judge history.
  return { type: currentType, data: current } as unknown as DealEvent;
}

function assertData(data: unknown, type: string): asserts data is Record<string, unknown> {
  if (!isRecord(data)) {
    throw invalid(ErrorCodes.malformedEvent, `Stored ${type} has no data object`, 'data');
  }
}
