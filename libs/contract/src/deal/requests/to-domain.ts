import { deriveId } from '#application';
import { invalid, withoutUndefined, type FigureReport, type Measure } from '#domain';
import { FigureReportRequest, MeasureRequest } from './common.request.js';

/**
 * A validated request body → the domain's members, at every depth: the request classes name
 * exactly the domain's members (the compiler checks it, see members-match.ts), so members are
 * carried over as they are, absent ones left out. Two shapes differ on purpose: a figure's
 * omitted id is derived from the command id, and a measure arrives flat (kind + the fields of
 * every kind) and becomes the domain's union, refusing the fields of another kind by name.
 */
export function toDomain(value: unknown, field: string, commandId: string): unknown {
  if (value instanceof FigureReportRequest) return toFigureReport(value, field, commandId);
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

function toMeasure(request: MeasureRequest, field: string): Measure {
  const foreign = (name: keyof MeasureRequest) => {
    if (request[name] !== undefined) {
      throw invalid('REQUEST.VALIDATION_FAILED', `${name} does not apply to a ${request.kind} measure`, `${field}.${name}`);
    }
  };
  switch (request.kind) {
    case 'money':
      foreign('unit');
      foreign('per');
      return { kind: 'money', currency: request.currency ?? '' };
    case 'quantity':
      foreign('currency');
      return withoutUndefined({ kind: 'quantity', unit: request.unit ?? '', per: request.per });
    case 'percentage':
    case 'text':
      foreign('currency');
      foreign('unit');
      foreign('per');
      return { kind: request.kind };
  }
}
