/**
 * The geometry of a figure's timeline: a step line of its value over record time, one
 * step per history entry. Pure (no DOM), so its rules are tested under Node.
 *
 * Entries are spaced evenly in record order rather than by clock time: a deal's facts are
 * often recorded within seconds and then revised months later, and a time scale would
 * pile the first steps onto one pixel. The date of each step is printed under it.
 */
import { changeInWords, formatInstant, sourceInWords, type SourceLike } from '../format.js';

export interface TimelineEntry {
  change: string;
  display: string;
  value: { measure: { kind: string; currency?: string; unit?: string; per?: string }; qualifier: string; amount?: string; min?: string; max?: string };
  source: SourceLike;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  position: string;
  revision: number;
  /** The source's dates (valid time): shown under the chart beside the record date. */
  reportedAt?: string;
  effectiveAt?: string;
}

export interface ChartSize {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_SIZE: ChartSize = { width: 760, height: 300, margin: { top: 24, right: 32, bottom: 64, left: 150 } };

/** A plotted magnitude: a point value has low = high; a range spans low..high. */
export interface Level {
  low: number;
  high: number;
}

export interface ChartPoint {
  index: number;
  x: number;
  /** Where the marker sits; for an entry without a number, on the "no number" lane. */
  y: number;
  level?: Level;
  change: string;
  display: string;
  position: string;
  /** Hover and focus text: what, when, who, from which source. */
  description: string;
}

export interface ChartSegment {
  x1: number;
  x2: number;
  /** low and high of the level, in pixels (equal for a point value). */
  yLow: number;
  yHigh: number;
  /** Exact values draw solid; "up to", "about", "at least"… draw dashed. */
  exact: boolean;
}

export interface ChartTick {
  y: number;
  label: string;
}

export interface ChartModel {
  size: ChartSize;
  points: ChartPoint[];
  /** Horizontal runs of the step line; the vertical risers join consecutive runs. */
  segments: ChartSegment[];
  risers: { x: number; y1: number; y2: number }[];
  ticks: ChartTick[];
  /** The y of the lane where entries without a number (undisclosed, withheld, words) sit. */
  noNumberLane: number;
  unit: string;
  /** Where the record stood at the moment the reader came from: between the last entry on record then and the next. */
  asOfX?: number;
}

/**
 * How many of the entries (in record order) were on record at `knownAt`: a cursor counts
 * the entries at or before that position, an instant those recorded at or before it.
 */
export function entriesOnRecordAt(entries: readonly TimelineEntry[], knownAt: string): number {
  const byPosition = /^\d+$/.test(knownAt);
  const limit = byPosition ? Number(knownAt) : Date.parse(knownAt);
  if (Number.isNaN(limit)) return entries.length;
  return entries.filter((e) => (byPosition ? Number(e.position) : Date.parse(e.recordedAt)) <= limit).length;
}

const POINT_QUALIFIERS = new Set(['exact', 'up_to', 'at_least', 'more_than', 'about']);

/** The number to plot, if the value has one in the chart's measure. */
export function levelOf(value: TimelineEntry['value']): Level | undefined {
  if (value.measure.kind === 'text') return undefined;
  if (POINT_QUALIFIERS.has(value.qualifier) && value.amount !== undefined) {
    const n = Number(value.amount);
    return Number.isFinite(n) ? { low: n, high: n } : undefined;
  }
  if (value.qualifier === 'range' && value.min !== undefined && value.max !== undefined) {
    const low = Number(value.min);
    const high = Number(value.max);
    return Number.isFinite(low) && Number.isFinite(high) ? { low, high } : undefined;
  }
  return undefined;
}

/** "EUR", "%", "t per year": what the y axis counts. */
export function unitOf(measure: TimelineEntry['value']['measure']): string {
  switch (measure.kind) {
    case 'money':
      return measure.currency ?? '';
    case 'percentage':
      return '%';
    case 'quantity':
      return `${measure.unit ?? ''}${measure.per ? ` per ${measure.per}` : ''}`;
    default:
      return '';
  }
}

const measureKey = (m: TimelineEntry['value']['measure']): string => `${m.kind}:${unitOf(m)}`;

export function buildChartModel(entries: readonly TimelineEntry[], size: ChartSize = DEFAULT_SIZE, onRecord?: number): ChartModel {
  const { width, height, margin } = size;
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const noNumberLane = height - margin.bottom - 12;
  const plotBottom = noNumberLane - 28;

  // One axis, one measure: the latest entry's. An entry in another measure (a currency
  // changed by a revision) is shown on the no-number lane, never on a misleading scale.
  const last = [...entries].reverse().find((e) => levelOf(e.value) !== undefined);
  const key = last ? measureKey(last.value.measure) : undefined;
  const levels = entries.map((e) => (key !== undefined && measureKey(e.value.measure) === key ? levelOf(e.value) : undefined));

  const maximum = Math.max(0, ...levels.filter((l): l is Level => l !== undefined).map((l) => l.high));
  const ticks = niceTicks(maximum);
  const top = ticks[ticks.length - 1] ?? 1;
  const yOf = (n: number): number => plotBottom - (n / (top || 1)) * (plotBottom - plotTop);

  const step = entries.length > 0 ? (plotRight - plotLeft) / entries.length : 0;
  const xOf = (index: number): number => plotLeft + step * index + step / 2;

  const points: ChartPoint[] = entries.map((entry, index) => {
    const level = levels[index];
    return {
      index,
      x: xOf(index),
      y: level ? yOf((level.low + level.high) / 2) : noNumberLane,
      ...(level ? { level } : {}),
      change: entry.change,
      display: entry.display,
      position: entry.position,
      description: describeEntry(entry),
    };
  });

  const segments: ChartSegment[] = [];
  const risers: ChartModel['risers'] = [];
  let previous: { x: number; yLow: number; yHigh: number } | undefined;
  entries.forEach((entry, index) => {
    const level = levels[index];
    const x1 = xOf(index);
    const retracted = entry.change === 'retraction';
    if (!level || retracted) {
      // A retraction ends the line: the report is withdrawn, in effect at no time after.
      previous = undefined;
      return;
    }
    const yLow = yOf(level.low);
    const yHigh = yOf(level.high);
    if (previous) risers.push({ x: x1, y1: previous.yLow, y2: yLow });
    const x2 = index + 1 < entries.length ? xOf(index + 1) : plotRight;
    segments.push({ x1, x2, yLow, yHigh, exact: entry.value.qualifier === 'exact' });
    previous = { x: x2, yLow, yHigh };
  });

  return {
    size,
    points,
    segments,
    risers,
    ticks: ticks.map((t) => ({ y: yOf(t), label: groupThousands(t) })),
    noNumberLane,
    unit: last ? unitOf(last.value.measure) : '',
    ...(onRecord !== undefined && onRecord < entries.length ? { asOfX: onRecord === 0 ? plotLeft : xOf(onRecord) - step / 2 } : {}),
  };
}

function describeEntry(entry: TimelineEntry): string {
  return [
    `${capitalise(changeInWords(entry.change))}: ${entry.display}`,
    `recorded ${formatInstant(entry.recordedAt)} by ${entry.recordedBy} (position ${entry.position})`,
    entry.reportedAt ? `reported ${entry.reportedAt}${entry.effectiveAt ? `, in effect from ${entry.effectiveAt}` : ''}` : undefined,
    `source: ${sourceInWords(entry.source)}`,
    entry.reason ? `reason: ${entry.reason}` : undefined,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** 0 and four or five round steps up to at least `maximum` (1, 2, 2.5 or 5 × a power of ten). */
export function niceTicks(maximum: number): number[] {
  if (!(maximum > 0)) return [0, 1];
  const rough = maximum / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < maximum + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1]! < maximum) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** 110000000 → "110,000,000"; fractions keep up to two places. */
export function groupThousands(n: number): string {
  const [whole = '0', fraction] = (Math.round(n * 100) / 100).toString().split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Which steps get a date under them: the first, the last, and evenly spaced ones between,
 * at most `most` in all, so that 1,000 steps do not print 1,000 overlapping labels.
 */
export function labelledIndexes(count: number, most = 7): number[] {
  if (count <= 0) return [];
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const every = (count - 1) / (most - 1);
  return [...new Set(Array.from({ length: most }, (_, i) => Math.round(i * every)))];
}

/** The step line as SVG path data, one path per style: many steps, a few DOM nodes. */
export function stepPaths(model: Pick<ChartModel, 'segments' | 'risers'>): { exact: string; inexact: string; risers: string } {
  const line = (s: ChartSegment) => `M${round(s.x1)} ${round(s.yLow)}H${round(s.x2)}`;
  const flat = model.segments.filter((s) => s.yLow === s.yHigh);
  return {
    exact: flat.filter((s) => s.exact).map(line).join(''),
    inexact: flat.filter((s) => !s.exact).map(line).join(''),
    risers: model.risers.map((r) => `M${round(r.x)} ${round(r.y1)}V${round(r.y2)}`).join(''),
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;
