import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { DomainError } from '../errors.js';
import { CURRENT_DEAL_EVENT_TYPES, SUPERSEDED_DEAL_EVENT_TYPES, type DealEvent } from './deal-events.js';
import { DEAL_EVENT_DEFINITIONS, dealEventSchemaDocument, withDefinitionsUnder, type JsonSchema } from './deal-event-schemas.js';
import { decideDeal } from './decide.js';
import { fromStoredEvent, toStoredEvent } from './event-codec.js';
import { evolveDeal, foldDeal } from './evolve.js';
import { decisionContextAt } from './testing/decision-context.js';
import { ARBITRARY_REFERENCES, registration, step } from './testing/arbitrary-commands.js';
import { DEAL_ID, FACTS_AS_REPORTED, LATER, offtake } from './testing/caremag.js';

// Ajv in strict mode: an unknown keyword or a malformed schema fails to compile.
const ajv = new Ajv({ strict: true, allErrors: true });
const validators = new Map<string, ValidateFunction>(
  DEAL_EVENT_DEFINITIONS.map((definition) => [definition.type, ajv.compile(dealEventSchemaDocument(definition))]),
);

function problemsOf(type: string, data: unknown): string[] {
  const validate = validators.get(type);
  if (!validate) return [`no schema for ${type}`];
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** What a subscriber receives: the event as stored, read back (and upcast) by the codec. */
function asDelivered(event: DealEvent): DealEvent {
  const stored = JSON.parse(JSON.stringify(toStoredEvent(event))) as { type: string; data: unknown };
  return fromStoredEvent(stored.type, stored.data)!;
}

function objectSchemasIn(node: unknown, path = '$'): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) return node.flatMap((item, index) => objectSchemasIn(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own: [string, Record<string, unknown>][] = record.type === 'object' ? [[path, record]] : [];
  // A conditional (if/then/else) only narrows the members of the closed object it sits in.
  const members = Object.entries(record).filter(([key]) => !['if', 'then', 'else'].includes(key));
  return [...own, ...members.flatMap(([key, value]) => objectSchemasIn(value, `${path}.${key}`))];
}

/** The members a version added: what a payload of the version before cannot hold. */
const ADDED_BY_VERSION: Readonly<Record<string, readonly string[]>> = { 'StakeDisclosed.v2': ['basis', 'conditional', 'condition', 'tranche'] };

/**
 * A payload of a current type, stored as a version before it (if that version could hold
 * it), must be read as a payload its current schema accepts: what was valid stays valid.
 */
function expectEveryV1ReadingToMatch(event: DealEvent): void {
  const older = Object.entries(SUPERSEDED_DEAL_EVENT_TYPES).filter(([old, current]) => current === event.type && old !== 'OfftakeSigned.v1');
  const added = ADDED_BY_VERSION[event.type] ?? [];
  const asOlder = Object.fromEntries(Object.entries(event.data).filter(([member]) => !added.includes(member)));
  for (const [oldType] of older) {
    if (problemsOf(oldType, asOlder).length > 0) continue;
    const read = fromStoredEvent(oldType, JSON.parse(JSON.stringify(asOlder)))!;
    expect(problemsOf(read.type, read.data)).toEqual([]);
  }
}

describe('the event contract', () => {
  it('defines a schema for every current type and every superseded version, and names each successor', () => {
    expect(DEAL_EVENT_DEFINITIONS.filter((d) => d.status === 'current').map((d) => d.type)).toEqual(CURRENT_DEAL_EVENT_TYPES);
    expect(DEAL_EVENT_DEFINITIONS.filter((d) => d.status === 'superseded').map((d) => [d.type, d.supersededBy])).toEqual(
      Object.entries(SUPERSEDED_DEAL_EVENT_TYPES),
    );
    expect(DEAL_EVENT_DEFINITIONS.find((d) => d.type === 'OfftakeSigned.v3')).toMatchObject({ name: 'OfftakeSigned', version: 3 });
  });

  it('closes every object: a member the schema does not name is refused, at any depth', () => {
    for (const definition of DEAL_EVENT_DEFINITIONS) {
      for (const [path, schema] of objectSchemasIn(dealEventSchemaDocument(definition))) {
        expect({ type: definition.type, path, additionalProperties: schema.additionalProperties }).toEqual({
          type: definition.type,
          path,
          additionalProperties: false,
        });
      }
    }
  });

  it('validates every event of the reference deal and its later events, as decided and as delivered', () => {
    let history: DealEvent[] = [];
    for (const step of FACTS_AS_REPORTED) {
      const events = decideDeal(step.command, foldDeal(history), decisionContextAt());
      history = [...history, ...events];
    }
    const later = [
      { type: 'ReviseFigure' as const, dealId: DEAL_ID, ...LATER.jogmecStakeDisclosed },
      { type: 'ReviseFigure' as const, dealId: DEAL_ID, ...LATER.investmentRevised },
      { type: 'CorrectFigure' as const, dealId: DEAL_ID, ...LATER.dysprosiumCorrected },
      { type: 'RetractReport' as const, dealId: DEAL_ID, figureId: 'support-fr', reason: 'withdrawn (hypothetical)' },
    ];
    for (const command of later) history = [...history, ...decideDeal(command, foldDeal(history), decisionContextAt())];

    expect(new Set(history.map((e) => e.type)).size).toBeGreaterThanOrEqual(10);
    for (const event of history) {
      expect(problemsOf(event.type, event.data)).toEqual([]);
      expect(problemsOf(event.type, asDelivered(event).data)).toEqual([]);
    }
  });

  it('validates a stored OfftakeSigned.v1 against its own schema, and the v2 it is read as against v2', () => {
    const stored = JSON.parse(JSON.stringify(offtake));
    expect(problemsOf('OfftakeSigned.v1', stored)).toEqual([]);
    expect(problemsOf('OfftakeSigned.v3', stored)).not.toEqual([]);
    const read = fromStoredEvent('OfftakeSigned.v1', stored)!;
    expect(read.type).toBe('OfftakeSigned.v3');
    expect(problemsOf(read.type, read.data)).toEqual([]);
  });

  it('refuses a payload with a member the schema lacks, or without one it requires', () => {
    const registered = FACTS_AS_REPORTED[0]!.event;
    expect(problemsOf(registered.type, { ...registered.data, extra: 1 })).not.toEqual([]);
    const { title: _title, ...untitled } = registered.data as unknown as Record<string, unknown>;
    expect(problemsOf(registered.type, untitled)).not.toEqual([]);
    const withNestedExtra = { ...offtake, share: { ...offtake.share, value: { ...offtake.share.value, currencyNote: 'x' } } };
    expect(problemsOf('OfftakeSigned.v1', withNestedExtra)).not.toEqual([]);
  });

  it('property: every event the deciders produce for generated commands matches its schema', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(registration, fc.array(step, { minLength: 1, maxLength: 25 }), (register, steps) => {
        let state = foldDeal([]);
        const events: DealEvent[] = [];
        const record = (command: Parameters<typeof decideDeal>[0] | undefined) => {
          if (command === undefined) return;
          try {
            for (const event of decideDeal(command, state, decisionContextAt(undefined, { references: ARBITRARY_REFERENCES }))) {
              events.push(event);
              state = evolveDeal(state, event);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        };
        record(register);
        for (const next of steps) {
          if (!state.registered) break;
          const figures = new Map([...state.figures.values()].filter((f) => f.status !== 'retracted').map((f) => [f.figureId, f.measureKind]));
          record(next([...state.parties.keys()], figures));
        }
        for (const event of events) {
          seen.add(event.type);
          expect(problemsOf(event.type, event.data)).toEqual([]);
          expectEveryV1ReadingToMatch(event);
        }
      }),
      { numRuns: 150 },
    );
    // The property only means something if the generated commands reach every event type.
    expect([...seen].sort()).toEqual([...CURRENT_DEAL_EVENT_TYPES].sort());
  });

  it('moves references under another prefix for documents that keep definitions elsewhere', () => {
    const moved = withDefinitionsUnder({ properties: { a: { $ref: '#/definitions/Source' } } } as JsonSchema, '#/components/schemas/');
    expect(moved).toEqual({ properties: { a: { $ref: '#/components/schemas/Source' } } });
  });
});
