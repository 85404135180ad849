import { deriveId } from '#application';
import { invalid, type Conversion, type FigureReport, type FigureValue, type Measure, type Source } from '#domain';
import type { FigureReportRequest, FigureValueRequest, MeasureRequest, SourceRequest } from './common.request.js';

/**
 * Request objects → domain values. Only the fields a value has are copied (no undefined
 * members), so the events serialise the same however the request was written.
 */

export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function toMeasure(request: MeasureRequest, field: string): Measure {
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
      return defined({ kind: 'quantity', unit: request.unit ?? '', per: request.per });
    case 'percentage':
    case 'text':
      foreign('currency');
      foreign('unit');
      foreign('per');
      return { kind: request.kind };
  }
}

export function toFigureValue(request: FigureValueRequest, field: string): FigureValue {
  return defined({
    measure: toMeasure(request.measure, `${field}.measure`),
    qualifier: request.qualifier,
    amount: request.amount,
    min: request.min,
    max: request.max,
    text: request.text,
    // A missing rate stays missing, for the domain to refuse by name.
    conversions: request.conversions?.map(
      (c) => defined({ currency: c.currency, amount: c.amount, rate: c.rate && { ...c.rate }, convertedBy: c.convertedBy }) as Conversion,
    ),
    note: request.note,
  });
}

export function toSource(request: SourceRequest): Source {
  return defined({ ...request });
}

/** `slot` names the figure within its command, so an omitted figureId is derived stably. */
export function toFigureReport(request: FigureReportRequest, commandId: string, slot: string): FigureReport {
  return defined({
    figureId: request.figureId ?? deriveId(commandId, `figure/${slot}`),
    value: toFigureValue(request.value, `${slot}.value`),
    source: toSource(request.source),
    reportedAt: request.reportedAt,
    effectiveAt: request.effectiveAt,
  });
}
