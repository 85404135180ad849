import { createHash } from 'node:crypto';
import { deriveId, type BulkItem } from '#application';
import { invalid, type DealCommandType } from '#domain';
import { canonicalJson } from '#event-store';
import { RequestValidationError, dealCommandRoutes, plausibilityOverrideOf, toDealCommand, validateRequest } from '#contract';

/**
 * One line of an import file:
 *   {"command": "AnnounceInvestment", "dealId": "caremag-2025", "body": {…}}
 * `body` is exactly what the matching POST takes; `figureId` names the figure of a
 * revision, correction or retraction; `commandId` is optional. `receivedAt` is when the
 * line was read: its reports are held to that moment, as a POST's are to its arrival.
 */
export interface ImportLine {
  command: DealCommandType;
  dealId?: string;
  figureId?: string;
  commandId?: string;
  body: Record<string, unknown>;
}

const LINE_FIELDS = new Set(['command', 'dealId', 'figureId', 'commandId', 'body']);

/**
 * Parses and validates one line into a command, exactly as the HTTP route would. A line
 * without a commandId gets one derived from its content, so importing the same file
 * twice records each fact once.
 */
export function parseImportLine(text: string, actor: string, receivedAt: string): BulkItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('REQUEST.MALFORMED_JSON', 'the line is not valid JSON');
  }
  const line = checkLineShape(parsed);
  const route = dealCommandRoutes[line.command];
  const body = validateRequest(route.request, line.body) as { commandId?: string; dealId?: string };
  const commandId =
    line.commandId ?? body.commandId ?? deriveId('import', createHash('sha256').update(canonicalJson(parsed)).digest('hex'));
  const dealId = line.dealId ?? body.dealId ?? '';
  const command = toDealCommand(route, { dealId, ...(line.figureId ? { figureId: line.figureId } : {}) }, body, commandId);
  const plausibilityOverride = plausibilityOverrideOf(body);
  return {
    command,
    context: {
      actor,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      receivedAt,
      ...(plausibilityOverride !== undefined && { plausibilityOverride }),
    },
  };
}

function checkLineShape(parsed: unknown): ImportLine {
  const problems: { field: string; message: string }[] = [];
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequestValidationError([{ field: '', message: 'the line must be a JSON object' }]);
  }
  const line = parsed as Record<string, unknown>;
  for (const key of Object.keys(line)) {
    if (!LINE_FIELDS.has(key)) problems.push({ field: key, message: `${key} is not a known field` });
  }
  if (typeof line.command !== 'string' || !Object.hasOwn(dealCommandRoutes, line.command)) {
    problems.push({ field: 'command', message: `command must be one of ${Object.keys(dealCommandRoutes).join(', ')}` });
  }
  for (const key of ['dealId', 'figureId', 'commandId'] as const) {
    if (line[key] !== undefined && typeof line[key] !== 'string') problems.push({ field: key, message: `${key} must be a string` });
  }
  if (line.body === null || typeof line.body !== 'object' || Array.isArray(line.body)) {
    problems.push({ field: 'body', message: 'body must be a JSON object' });
  }
  if (line.command !== 'RegisterDeal' && line.dealId === undefined) {
    problems.push({ field: 'dealId', message: 'dealId is required for every command but RegisterDeal' });
  }
  if (problems.length > 0) throw new RequestValidationError(problems);
  return line as unknown as ImportLine;
}
