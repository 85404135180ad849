import { deriveId } from '#application';
import { invalid, withoutUndefined, type FigureReport, type FigureValue, type Measure } from '#domain';
import { FigureReportRequest, FigureValueRequest, MeasureRequest } from './common.request.js';
import { durationsAsDecimals } from './duration-request.js';

/**
 * A validated request body → the domain's members, at every depth: the request classes name
 * exactly the domain's members (the compiler checks it, see members-match.ts), so members are
 * carried over as they are, absent ones left out. Two shapes differ on purpose: a figure's
 * omitted id is derived from the command id, and a measure arrives flat (kind + the fields of
 * every kind) and becomes the domain's union, refusing the fields of another kind by name;
 * and a duration may be spelled in ISO 8601 (`P7Y`), stored as a decimal and a unit.
 */
export function toDomain(value: unknown, field: string, commandId: string): unknown {
  if (value instanceof FigureReportRequest) return toFigureReport(value, field, commandId);
  if (value instanceof FigureValueRequest) return toFigureValue(value, field, commandId);
  if (value instanceof MeasureRequest) return toMeasure(value, field);
  if (Array.isArray(value)) return value.map((item, index) => toDomain(item, `${field}[${index}]`, commandId));
  if (typeof value !== 'object' || value === null) return value;
  return membersToDomain(value, field, commandId);
}

/** The members of a body (or of one object in it) as domain values; `field` is the path of the object. */
export function membersToDomain(value: object, field: string, commandId: string): Record<string, unknown> {
  const at = (name: string) => (field === '' ? name : `${field}.${name}`);
  return withoutUndefined(
    Object.fromEntries(Object.entries(value).map(([name, member]) => [name, toDomain(member, at(name), commandId)])),
  );
}

/** `field` names the figure within its command, so an omitted figureId is derived stably. */
function toFigureReport(request: FigureReportRequest, field: string, commandId: string): FigureReport {
  const report = membersToDomain(request, field, commandId) as Partial<FigureReport>;
  return { ...report, figureId: request.figureId ?? deriveId(commandId, `figure/${field}`) } as FigureReport;
}

function toFigureValue(request: FigureValueRequest, field: string, commandId: string): FigureValue {
  const value = membersToDomain(request, field, commandId) as unknown as FigureValue;
  return value.measure?.kind === 'duration' ? durationsAsDecimals(value, field) : value;
}

/** The members each measure kind has beside `kind`; any other one sent is refused by name. */
const MEMBERS_OF: Record<MeasureRequest['kind'], readonly (keyof MeasureRequest)[]> = {
  money: ['currency'],
  quantity: ['unit', 'per'],
  unit_price: ['currency', 'unit'],
  count: ['of'],
  duration: ['unit'],
  date: ['precision'],
  percentage: [],
  text: [],
};
const OPTIONAL_MEMBERS: readonly (keyof MeasureRequest)[] = ['currency', 'unit', 'per', 'of', 'precision'];

function toMeasure(request: MeasureRequest, field: string): Measure {
  for (const name of OPTIONAL_MEMBERS) {
    if (request[name] !== undefined && !MEMBERS_OF[request.kind].includes(name)) {
      throw invalid('REQUEST.VALIDATION_FAILED', `${name} does not apply to a ${request.kind} measure`, `${field}.${name}`);
    }
  }
  switch (request.kind) {
    case 'money':
      return { kind: 'money', currency: request.currency ?? '' };
    case 'quantity':
      return withoutUndefined({ kind: 'quantity', unit: request.unit ?? '', per: request.per });
    case 'unit_price':
      return { kind: 'unit_price', currency: request.currency ?? '', unit: request.unit ?? '' };
    case 'count':
      return withoutUndefined({ kind: 'count', of: request.of });
    // A missing unit or precision is left out for the domain to name (or, for a duration, for
    // an ISO 8601 amount to give); the cast only says the union's member is still to be checked.
    case 'duration':
      return withoutUndefined({ kind: 'duration', unit: request.unit }) as Measure;
    case 'date':
      return withoutUndefined({ kind: 'date', precision: request.precision }) as Measure;
    case 'percentage':
    case 'text':
      return { kind: request.kind };
  }
}
