import fc from 'fast-check';
import { deriveId, eventIdFor } from './ids.js';

/**
 * Event ids are derived from the command id, so a retried command writes the very same ids:
 * on KurrentDB too, whose own event-id check is best effort and forgets on restart, the
 * ledger recognises a retry by its command id in the deal's stream and never writes twice.
 */
describe('ids derived from a command id', () => {
  const lowercaseUuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('are lowercase UUIDs (v5), the only event ids KurrentDB and the store accept', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat({ max: 1000 }), (commandId, index) => {
        expect(eventIdFor(commandId, index)).toMatch(lowercaseUuidV5);
      }),
    );
  });

  it('are the same for the same command id and index, on every run and every replica', () => {
    expect(eventIdFor('caremag-2025-fact-00', 0)).toBe(eventIdFor('caremag-2025-fact-00', 0));
    // Pinned: a change here would give retries of old commands new event ids.
    expect(eventIdFor('caremag-2025-fact-00', 0)).toBe(deriveId('caremag-2025-fact-00', 'event/0'));
    expect(eventIdFor('caremag-2025-fact-00', 0)).toBe('973d2126-241b-55a3-83ac-6c5f91709f9b');
  });

  it('differ between the events of one command, and between commands', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 5 }), (commandIds) => {
        const ids = commandIds.flatMap((commandId) => [0, 1, 2].map((i) => eventIdFor(commandId, i)));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});
