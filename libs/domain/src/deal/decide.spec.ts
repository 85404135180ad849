import type { DealCommand } from './deal-commands.js';
import { decideDeal } from './decide.js';
import { initialDealState } from './deal-state.js';
import { decisionContextAt } from './testing/decision-context.js';
import { caught } from './testing/caught.js';

describe('decideDeal', () => {
  it('refuses a command type it does not know', () => {
    expect(caught(() => decideDeal({ type: 'DeleteDeal', dealId: 'x' } as unknown as DealCommand, initialDealState, decisionContextAt()))).toMatchObject({
      code: 'COMMAND.UNKNOWN',
      kind: 'invalid',
      field: 'type',
    });
  });
});
