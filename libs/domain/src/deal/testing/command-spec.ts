import type { DealCommand } from '../deal-commands.js';
import type { DealEvent } from '../deal-events.js';
import { DEAL_ID } from './caremag.js';
import { given } from './given-when-then.js';

/** Fields of a command to change in one test: any field, to any value, so that specs can spoil them. */
export type Patch<Fields> = Partial<Record<keyof Fields | 'dealId', unknown>>;

/** Test-only: a builder of the command `type` on the reference deal from `fields`, with a patch over them. */
export function commandOn<Fields extends object>(type: DealCommand['type'], fields: Fields): (patch?: Patch<Fields>) => DealCommand {
  // Cast, as a patch may spoil the fields on purpose: the decider must refuse them.
  return (patch = {}) => ({ type, dealId: DEAL_ID, ...fields, ...patch }) as unknown as DealCommand;
}

/** Every command but the registration needs the deal registered first: the same sentence in each command's spec. */
export function itNeedsTheDealRegistered(command: () => DealCommand): void {
  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(command()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });
}

/** A refusal: the test's sentence, the fields changed, and the error the decider answers with. */
export type Refusal<Fields = Record<string, unknown>> = [sentence: string, patch: Patch<Fields>, error: { code: string; kind?: string; field?: string }];

/** One test per refusal: given `history`, the command with the refusal's patch fails with its error. */
export function itRefuses<Fields>(history: DealEvent[], command: (patch: Patch<Fields>) => DealCommand, refusals: Refusal<NoInfer<Fields>>[]): void {
  it.each(refusals)('%s', (_sentence, patch, error) => {
    expect(given(...history).when(command(patch)).thenError()).toMatchObject(error);
  });
}
