import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RunnerState } from '#projections';
import { enumOf } from '#contract';

const RUNNER_STATES = enumOf<RunnerState>({ stopped: true, running: true, faulted: true });

/**
 * The header of an answer built from read models that were behind the log: `behind=<events>`,
 * or `behind=unknown`; `; held-back=<deals>` when deals of the answer wait behind a quarantined event.
 */
export const STALE_HEADER = 'X-Ledger-Stale';

export const staleHeaderValue = (stale: StaleAnswer): string =>
  `behind=${stale.behind ?? 'unknown'}${stale.heldBack ? `; held-back=${stale.heldBack.length}` : ''}`;

/**
 * How far behind the log the read models an answer was built from were (faulted,
 * rebuilding or catching up): the answer may lack the last `behind` events.
 */
export class StaleAnswer {
  @ApiPropertyOptional({
    description:
      'How far the read models were behind the log, in positions (events on SQLite; byte offsets on KurrentDB); ' +
      'absent when the log could not be read',
    example: 3,
  })
  behind?: number;
  @ApiProperty({ description: 'The cursor the read models had reached', example: '39' }) readModelPosition!: string;
  @ApiPropertyOptional({ description: 'The cursor of the last event on record; absent when the log could not be read', example: '42' })
  head?: string;
  @ApiProperty({
    enum: RUNNER_STATES,
    description: 'faulted: they do not move until the projections run again, on their own after a failure that passes (see /health/ready)',
  })
  state!: RunnerState;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Deals (of this answer) whose newer events wait behind one a read model could not apply (quarantined: see ' +
      '/admin/projections): they are shown as they stood before it',
    example: ['caremag-2025'],
  })
  heldBack?: string[];
}

/**
 * The `stale` member of every answer built from the read models at the head of the log:
 * present only when they were behind it. One definition for all such answers.
 */
export const StaleMember = (): PropertyDecorator =>
  ApiPropertyOptional({
    type: StaleAnswer,
    description: `Present only when the read models were behind the log (also said by the ${STALE_HEADER} header): the answer may lack the newest events`,
  });
