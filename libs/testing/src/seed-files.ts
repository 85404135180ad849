import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DealCommand } from '#domain';

/** One line of a seed file: a command and the body its HTTP route takes. */
export interface SeedLine {
  command: string;
  dealId?: string;
  figureId?: string;
  commandId?: string;
  body: Record<string, unknown>;
}

const SEED_DIR = join(__dirname, '..', '..', '..', 'seed');

export const REFERENCE_DEAL_ID = 'caremag-2025';

/** Facts 1–14 of the Caremag scenario, as `npm start` loads them. */
export function referenceDealLines(): SeedLine[] {
  return readSeed('caremag-2025.jsonl');
}

/** The scenario's four hypothetical later events. */
export function laterHypotheticalLines(): SeedLine[] {
  return readSeed('caremag-2025-later.hypothetical.jsonl');
}

/** The second reference deal, invented from start to end: every instrument, measure and stage. */
export function magnetcoDealLines(): SeedLine[] {
  return readSeed('magnetco-2026.hypothetical.jsonl');
}

function readSeed(name: string): SeedLine[] {
  return readFileSync(join(SEED_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line) as SeedLine);
}

/**
 * A seed line as a domain command. The seed files name every figure id, so a body is
 * already the command's payload (without the idempotency key).
 */
export function commandOf(line: SeedLine): DealCommand {
  const { commandId: _ignored, ...payload } = line.body;
  return {
    type: line.command,
    ...(line.dealId ? { dealId: line.dealId } : {}),
    ...(line.figureId ? { figureId: line.figureId } : {}),
    ...payload,
  } as unknown as DealCommand;
}
