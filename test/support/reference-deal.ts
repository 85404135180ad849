import { dealCommandPath } from '#contract';
import type { DealCommandType } from '#domain';
import type { SeedLine } from '#testing';

export { laterHypotheticalLines, magnetcoDealLines, REFERENCE_DEAL_ID, referenceDealLines, type SeedLine } from '#testing';

/** The HTTP route of each command, as the README documents them. */
export function routeOf(line: SeedLine): string {
  return dealCommandPath(line.command as DealCommandType, { dealId: line.dealId ?? '', ...(line.figureId !== undefined ? { figureId: line.figureId } : {}) });
}
