import { assertValidId, type DealCommandType, type PartyCommandType } from '#domain';
import { RequestValidationError, dealCommandRoutes, partyCommandRoutes } from '#contract';

/**
 * One line of an import file, deal or party:
 *   {"command": "AnnounceInvestment", "dealId": "caremag-2025", "body": {…}}
 *   {"command": "RenameParty", "partyId": "iwatani", "body": {…}}
 * `body` is exactly what the matching POST takes; the other fields are what its path names:
 * `dealId` and `figureId` (a revision, correction or retraction) for a deal command,
 * `partyId` and `parentId` (the link EndPartyParentLink ends) for a party command.
 * RegisterDeal and RegisterParty name their id in the body, as their POSTs do.
 */
interface LineFields {
  dealId?: string;
  figureId?: string;
  partyId?: string;
  parentId?: string;
  commandId?: string;
  body: Record<string, unknown>;
}

export type DealLine = LineFields & { command: DealCommandType };
export type PartyLine = LineFields & { command: PartyCommandType };
export type ImportLine = DealLine | PartyLine;

const LINE_FIELDS = new Set(['command', 'dealId', 'figureId', 'partyId', 'parentId', 'commandId', 'body']);
const DEAL_ONLY = ['dealId', 'figureId'] as const;
const PARTY_ONLY = ['partyId', 'parentId'] as const;
const COMMANDS = [...Object.keys(dealCommandRoutes), ...Object.keys(partyCommandRoutes)];

export function isPartyLine(line: ImportLine): line is PartyLine {
  return Object.hasOwn(partyCommandRoutes, line.command);
}

/** The line's fields checked, each problem named by field; its path ids checked as the routes check theirs. */
export function checkLineShape(parsed: unknown): ImportLine {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequestValidationError([{ field: '', message: 'the line must be a JSON object' }]);
  }
  const line = parsed as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  for (const key of Object.keys(line)) {
    if (!LINE_FIELDS.has(key)) problems.push({ field: key, message: `${key} is not a known field` });
  }
  const known = typeof line.command === 'string' && COMMANDS.includes(line.command);
  if (!known) problems.push({ field: 'command', message: `command must be one of ${COMMANDS.join(', ')}` });
  for (const key of ['dealId', 'figureId', 'partyId', 'parentId', 'commandId'] as const) {
    if (line[key] !== undefined && typeof line[key] !== 'string') problems.push({ field: key, message: `${key} must be a string` });
  }
  if (line.body === null || typeof line.body !== 'object' || Array.isArray(line.body)) {
    problems.push({ field: 'body', message: 'body must be a JSON object' });
  }
  // Which ids a line needs depends on its command: an unknown one is named alone, not with guesses about its stream.
  if (known && Object.hasOwn(partyCommandRoutes, line.command as string)) problems.push(...partyTargetProblems(line));
  else if (known) problems.push(...targetProblems(line, 'RegisterDeal', 'dealId', PARTY_ONLY));
  if (problems.length > 0) throw new RequestValidationError(problems);
  // Ids that name a stream are checked before any stream is read, as the party routes' path ids are.
  if (typeof line.partyId === 'string') assertValidId(line.partyId, 'partyId');
  if (typeof line.parentId === 'string') assertValidId(line.parentId, 'parentId');
  return line as unknown as ImportLine;
}

function partyTargetProblems(line: Record<string, unknown>): { field: string; message: string }[] {
  const problems = targetProblems(line, 'RegisterParty', 'partyId', DEAL_ONLY);
  const endsLink = line.command === 'EndPartyParentLink';
  if (endsLink && line.parentId === undefined) problems.push({ field: 'parentId', message: 'parentId (the link to end) is required for EndPartyParentLink' });
  // LinkPartyParent names its parent in the body, as POST …/parents does: one place for it.
  if (!endsLink && line.parentId !== undefined) problems.push({ field: 'parentId', message: 'parentId is a line field of EndPartyParentLink only' });
  return problems;
}

/** The id a command's stream needs (but its registration's, which is in the body), and no field of the other kind of stream. */
function targetProblems(
  line: Record<string, unknown>,
  registration: 'RegisterDeal' | 'RegisterParty',
  idField: 'dealId' | 'partyId',
  otherFields: readonly string[],
): { field: string; message: string }[] {
  const kind = idField === 'dealId' ? 'deal' : 'party';
  const problems: { field: string; message: string }[] =
    line.command !== registration && line[idField] === undefined
      ? [{ field: idField, message: `${idField} is required for every ${kind} command but ${registration}` }]
      : [];
  for (const field of otherFields) {
    if (line[field] !== undefined) problems.push({ field, message: `${field} is not a field of a ${kind} command` });
  }
  return problems;
}
