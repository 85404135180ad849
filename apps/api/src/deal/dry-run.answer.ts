import { ApiProperty } from '@nestjs/swagger';
import type { DealCommandDryRun } from '#application';
import { CommandDryRunAnswer } from '../http/dry-run.js';

/** A deal command's dry run. */
export class DryRunAnswer extends CommandDryRunAnswer {
  @ApiProperty() dealId!: string;
  @ApiProperty({ type: [String], description: 'Figures the command would report or change' }) figureIds!: string[];
}

export const dryRunAnswer = (result: DealCommandDryRun): DryRunAnswer => ({ dryRun: true, ...result });
