import { randomUUID } from 'node:crypto';
import { commandOf, recordCommands } from '#testing';
import { laterHypotheticalLines, magnetcoDealLines, referenceDealLines, type SeedLine } from '../../support/reference-deal.js';
import type { Given } from './api-specification.js';

let dealCount = 0;

/** A deal id no other case of the run uses: cases share one app, never one deal. */
export function freshDealId(prefix = 'api'): string {
  dealCount += 1;
  return `${prefix}-${dealCount}-${randomUUID().slice(0, 8)}`;
}

/**
 * A reference deal's seed lines about another deal id: the first one's facts, or its facts and
 * hypothetical later events (`all`), or the second deal's lines (instruments and stages).
 */
export function dealLines(dealId: string, which: 'facts' | 'all' | 'second' = 'facts'): SeedLine[] {
  const lines = { facts: referenceDealLines, all: () => [...referenceDealLines(), ...laterHypotheticalLines()], second: magnetcoDealLines }[which]();
  return lines.map((line) =>
    line.command === 'RegisterDeal' ? { ...line, body: { ...line.body, dealId } } : { ...line, dealId },
  );
}

/** Given: the lines' commands recorded through the application (decide, append), not over HTTP. */
export function recordedLines(lines: readonly SeedLine[], actor = 'analyst-1'): Given {
  return async (ledger) => {
    await recordCommands(ledger.runtime.store, lines.map(commandOf), actor);
  };
}
