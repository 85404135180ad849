import { createHash } from 'node:crypto';
import { deriveId, type BulkItem, type CommandContext } from '#application';
import { invalid, type PartyCommand } from '#domain';
import { canonicalJson } from '#event-store';
import {
  dealCommandRoutes,
  partyCommandRoutes,
  plausibilityOverrideOf,
  toDealCommand,
  toPartyCommand,
  validateRequest,
  type DealCommandRoute,
  type PartyCommandRoute,
} from '#contract';
import { checkLineShape, isPartyLine, type ImportLine } from './import-line-shape.js';

/**
 * What a line asks for: a deal command, recorded in batches, or a party command, recorded
 * on its own stream where it stands in the file.
 */
export type ImportItem = ({ stream: 'deal' } & BulkItem) | { stream: 'party'; command: PartyCommand; context: CommandContext };

/**
 * Parses and validates one line into a command, exactly as the HTTP route would. A line
 * without a commandId gets one derived from its content, so importing the same file
 * twice records each fact once. `receivedAt` is when the line was read: its reports are
 * held to that moment, as a POST's are to its arrival.
 */
export function parseImportLine(text: string, actor: string, receivedAt: string): ImportItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('REQUEST.MALFORMED_JSON', 'the line is not valid JSON');
  }
  const line = checkLineShape(parsed);
  if (isPartyLine(line)) {
    const route = partyCommandRoutes[line.command];
    const { body, context } = bodyAndContext(route.request, line, parsed, actor, receivedAt);
    const target = { partyId: line.partyId ?? '', ...(line.parentId ? { parentId: line.parentId } : {}) };
    return { stream: 'party', command: toPartyCommand(route, target, body, context.commandId), context };
  }
  const route = dealCommandRoutes[line.command];
  const { body, context } = bodyAndContext(route.request, line, parsed, actor, receivedAt);
  const target = { dealId: line.dealId ?? (body as { dealId?: string }).dealId ?? '', ...(line.figureId ? { figureId: line.figureId } : {}) };
  return { stream: 'deal', command: toDealCommand(route, target, body, context.commandId), context };
}

/** The body checked by the route's request class, and the context a POST of it would have. */
function bodyAndContext(request: (DealCommandRoute | PartyCommandRoute)['request'], line: ImportLine, parsed: unknown, actor: string, receivedAt: string) {
  const body = validateRequest(request, line.body) as { commandId?: string };
  const commandId =
    line.commandId ?? body.commandId ?? deriveId('import', createHash('sha256').update(canonicalJson(parsed)).digest('hex'));
  const plausibilityOverride = plausibilityOverrideOf(body);
  const context: CommandContext = {
    actor,
    commandId,
    correlationId: commandId,
    causationId: commandId,
    receivedAt,
    ...(plausibilityOverride !== undefined && { plausibilityOverride }),
  };
  return { body, context };
}
