import type { DealEvent } from '../deal-events.js';
import type { DealState } from '../deal-state.js';
import { decideFact } from './fact-kind.js';
import { FACT_KINDS } from './fact-kinds.js';
import { INSTRUMENT_COMMANDS, type InstrumentCommand } from './instrument-events.js';

/** Every instrument command decides the same way, by its fact kind's declaration. */
export function decideInstrument(command: InstrumentCommand, state: DealState): DealEvent[] {
  const type = INSTRUMENT_COMMANDS[command.type];
  return [{ type, data: decideFact(FACT_KINDS[type], command, state) } as unknown as DealEvent];
}
