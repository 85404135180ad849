import fc from 'fast-check';
import { EventStoreError } from '../../event-store.errors.js';
import { positionFromKurrent, positionToKurrent, readPositionAfter } from './kurrentdb-positions.js';

describe('KurrentDB positions as the ledger’s positions', () => {
  it('are the commit offset of an event written by an append (commit == prepare), and go back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (offset) => {
        const position = positionFromKurrent({ commit: BigInt(offset), prepare: BigInt(offset) });
        expect(position).toBe(offset);
        expect(positionToKurrent(position)).toEqual({ commit: BigInt(offset), prepare: BigInt(offset) });
      }),
    );
  });

  it('keep the order of the log', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), (a, b) => {
        const pa = positionFromKurrent({ commit: a, prepare: a });
        const pb = positionFromKurrent({ commit: b, prepare: b });
        expect(Math.sign(pa - pb)).toBe(a === b ? 0 : a < b ? -1 : 1);
      }),
    );
  });

  it('refuse an event of an explicit transaction (prepare before commit), which a number cannot address', () => {
    const error = (() => {
      try {
        return positionFromKurrent({ commit: 5000n, prepare: 4200n });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'STORE.UNSUPPORTED_POSITION', message: expect.stringContaining('5000') });
  });

  it.each([
    ['missing (stream reads on servers before 22.6)', undefined],
    ['the "unknown" marker 2^64 - 1 of older servers', { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }],
    ['beyond 2^53, where a JS number loses precision', { commit: 2n ** 53n, prepare: 2n ** 53n }],
  ])('refuse a position that is %s', (_, position) => {
    expect(() => positionFromKurrent(position)).toThrow(expect.objectContaining({ code: 'STORE.POSITION_UNAVAILABLE' }));
  });

  it('start a read after position 0 at the start of the log, after any other at that very position', () => {
    expect(readPositionAfter(0)).toBe('start');
    expect(readPositionAfter(4711)).toEqual({ commit: 4711n, prepare: 4711n });
  });
});
