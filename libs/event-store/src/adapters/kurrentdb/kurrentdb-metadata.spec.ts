import fc from 'fast-check';
import type { JsonObject } from '../../event-store.port.js';
import { fromKurrentMetadata, HASH_KEY, JSON_VALUE_PREFIX, RECORDED_AT_KEY, toKurrentMetadata, toStringProperties } from './kurrentdb-metadata.js';

const stamp = { recordedAt: '2025-03-17T09:00:00.000Z', hash: 'a'.repeat(64) };

describe('event metadata in KurrentDB', () => {
  const metadata = {
    actor: 'analyst-1',
    commandId: 'c0ffee00-0000-4000-8000-000000000001',
    correlationId: 'c0ffee00-0000-4000-8000-000000000002',
    causationId: 'c0ffee00-0000-4000-8000-000000000003',
    commandType: 'AnnounceInvestment',
  };

  it('puts correlation and causation ids under KurrentDB’s reserved $correlationId and $causationId', () => {
    const stored = toKurrentMetadata(metadata, stamp);
    expect(stored).toEqual({
      actor: 'analyst-1',
      commandId: metadata.commandId,
      $correlationId: metadata.correlationId,
      $causationId: metadata.causationId,
      commandType: 'AnnounceInvestment',
      [RECORDED_AT_KEY]: stamp.recordedAt,
      [HASH_KEY]: stamp.hash,
    });
    expect(stored).not.toHaveProperty('correlationId');
    expect(stored).not.toHaveProperty('causationId');
  });

  it('reads back our keys, and the store’s commit time and hash apart from them', () => {
    expect(fromKurrentMetadata(toKurrentMetadata(metadata, stamp))).toEqual({ metadata, ...stamp });
  });

  it('escapes a caller’s own $ keys, so they can neither collide with KurrentDB’s nor fake the store’s', () => {
    const tricky = { ...metadata, $correlationId: 'mine', $hash: 'not the store’s', $$x: 1 };
    const stored = toKurrentMetadata(tricky, stamp);
    expect(stored).toMatchObject({ $correlationId: metadata.correlationId, $$correlationId: 'mine', $$hash: 'not the store’s', $$$x: 1, $hash: stamp.hash });
    expect(fromKurrentMetadata(stored)).toEqual({ metadata: tricky, ...stamp });
  });

  it('leaves out the keys KurrentDB’s own tools add after the hash ($traceId, $spanId of its OpenTelemetry instrumentation)', () => {
    const stored = { ...toKurrentMetadata(metadata, stamp), $traceId: '4bf92f3577b34da6a3ce929d0e0e4736', $spanId: '00f067aa0ba902b7' };
    expect(fromKurrentMetadata(stored)).toEqual({ metadata, ...stamp });
  });

  it('round-trips any JSON object exactly (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$correlationId', '$$hash', 'causationId', '$recordedAt', '__proto__', '$__proto__')), fc.jsonValue()), (value) => {
        const input = JSON.parse(JSON.stringify(value)) as JsonObject;
        const stored = JSON.parse(JSON.stringify(toKurrentMetadata(input, stamp)));
        expect(fromKurrentMetadata(stored)).toEqual({ metadata: input, ...stamp });
      }),
    );
  });

  describe('as the string properties of an atomic write (multiStreamAppend, appendRecords take nothing else)', () => {
    it('sends strings as they are and any other value as its JSON text, which reads back as the value', () => {
      const withObject = { ...metadata, plausibilityOverride: { reason: 'a 1990 agreement' }, attempt: 2, flag: null };
      const properties = toStringProperties(toKurrentMetadata(withObject, stamp));
      expect(Object.values(properties).every((value) => typeof value === 'string')).toBe(true);
      expect(properties).toMatchObject({ actor: 'analyst-1', [`${JSON_VALUE_PREFIX}plausibilityOverride`]: '{"reason":"a 1990 agreement"}', [`${JSON_VALUE_PREFIX}attempt`]: '2' });
      expect(fromKurrentMetadata(properties)).toEqual({ metadata: withObject, ...stamp });
    });

    it('round-trips any JSON object exactly, whatever the server adds in its own $ space ($schema.format, $schema.name) (property)', () => {
      fc.assert(
        fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$json:x', 'json:x', '$correlationId', '__proto__', '$__proto__')), fc.jsonValue()), (value) => {
          const input = JSON.parse(JSON.stringify(value)) as JsonObject;
          const stored = { ...toStringProperties(toKurrentMetadata(input, stamp)), '$schema.format': 'Json', '$schema.name': 'SomethingHappened.v1' };
          expect(fromKurrentMetadata(JSON.parse(JSON.stringify(stored)))).toEqual({ metadata: input, ...stamp });
        }),
      );
    });

    it('says a value under the JSON prefix that is no JSON text was not written by the ledger', () => {
      const stored = { ...toStringProperties(toKurrentMetadata(metadata, stamp)), [`${JSON_VALUE_PREFIX}x`]: '{not json' };
      expect(fromKurrentMetadata(stored)).toEqual({ unreadable: expect.stringMatching(/\$json:x holds no JSON text: it was not written by the ledger/) });
    });
  });

  it('keeps a "__proto__" member as a member (JSON.parse makes one; an assignment would not)', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "$__proto__": 2, "actor": "a"}') as JsonObject;
    const stored = JSON.parse(JSON.stringify(toKurrentMetadata(input, stamp)));
    expect(Object.keys(stored)).toEqual(expect.arrayContaining(['__proto__', '$$__proto__']));
    const read = (fromKurrentMetadata(stored) as { metadata: object }).metadata;
    expect(Object.keys(read).sort()).toEqual(['$__proto__', '__proto__', 'actor']);
    expect(JSON.stringify(read)).toBe(JSON.stringify(input));
  });

  it.each<[string, unknown]>([
    ['not an object', 'text'],
    ['binary', new Uint8Array([1, 2])],
    ['without the store’s commit time and hash (written by someone else)', { actor: 'x' }],
    ['with a hash that is not a string', { [RECORDED_AT_KEY]: stamp.recordedAt, [HASH_KEY]: 42 }],
  ])('says metadata %s was not written by the ledger', (_, stored) => {
    expect(fromKurrentMetadata(stored)).toEqual({ unreadable: expect.stringMatching(/not written by the ledger/) });
  });
});
