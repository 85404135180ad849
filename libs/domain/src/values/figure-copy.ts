import type { Conversion, FigureReport, FigureValue, Measure, Source } from './figure.js';

/**
 * Canonical copies of validated input for event payloads: known fields only, in a fixed
 * order, with absent optionals left out rather than `undefined`. Extra properties a
 * caller sent (an HTTP body, an import row) never reach the event store, and the same
 * fact always serialises to the same JSON — which the hash chain depends on.
 */

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

export function copyMeasure(measure: Measure): Measure {
  switch (measure.kind) {
    case 'money':
      return { kind: 'money', currency: measure.currency };
    case 'quantity':
      return withoutUndefined({ kind: 'quantity', unit: measure.unit, per: measure.per });
    case 'percentage':
    case 'text':
      return { kind: measure.kind };
  }
}

export function copyConversion(conversion: Conversion): Conversion {
  return withoutUndefined({
    currency: conversion.currency,
    amount: conversion.amount,
    rate: { base: conversion.rate.base, quote: conversion.rate.quote, value: conversion.rate.value },
    convertedBy: conversion.convertedBy,
  });
}

export function copyFigureValue(value: FigureValue): FigureValue {
  return withoutUndefined({
    measure: copyMeasure(value.measure),
    qualifier: value.qualifier,
    amount: value.amount,
    min: value.min,
    max: value.max,
    text: value.text,
    conversions: value.conversions?.map(copyConversion),
    note: value.note,
  });
}

export function copySource(source: Source): Source {
  return withoutUndefined({
    publisher: source.publisher,
    title: source.title,
    url: source.url,
    publishedAt: source.publishedAt,
    attribution: source.attribution,
    tier: source.tier,
    citedBy: source.citedBy,
  });
}

export function copyFigureReport(report: FigureReport): FigureReport {
  return withoutUndefined({
    figureId: report.figureId,
    value: copyFigureValue(report.value),
    source: copySource(report.source),
    reportedAt: report.reportedAt,
    effectiveAt: report.effectiveAt,
  });
}
