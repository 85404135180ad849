import { h, replaceChildren, s } from '../dom.js';
import { formatInstant } from '../format.js';
import { buildChartModel, labelledIndexes, stepPaths, type ChartPoint, type TimelineEntry } from '../timeline/step-chart-model.js';

/** Marker shapes differ by kind of change, not only by colour, so they read in greyscale too. */
function marker(point: Pick<ChartPoint, 'x' | 'y' | 'change'>, r = 7): SVGElement {
  const { x, y } = point;
  switch (point.change) {
    case 'correction':
      return s('rect', { class: 'mark', x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case 'retraction':
      return s('path', { class: 'mark', d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}` });
    case 'disclosure':
      return s('path', { class: 'mark', d: `M${x} ${y - r - 2}L${x + r + 2} ${y}L${x} ${y + r + 2}L${x - r - 2} ${y}Z` });
    default:
      return s('circle', { class: 'mark', cx: x, cy: y, r });
  }
}

/**
 * The step chart of a figure's value over record time, with a details box that follows
 * the pointer or the keyboard. The chart is one tab stop: Tab reaches the selected step,
 * arrow keys move between steps, Home and End go to the first and the last. A long
 * history stays light: the line is three paths, a marker is two nodes, and only a few
 * steps carry a date under them.
 */
export function stepChart(entries: readonly TimelineEntry[], figureName: string, onRecord?: number): HTMLElement {
  const model = buildChartModel(entries, undefined, onRecord);
  const { width, height, margin } = model.size;
  const details = h('p', { class: 'chart-details', id: 'chart-details', 'aria-live': 'polite' },
    'Point at a step, or Tab to the chart and use the arrow keys, to see its source and who recorded it.');
  // Many steps: smaller markers, so that neighbours do not hide each other.
  const radius = entries.length > 200 ? 3 : entries.length > 40 ? 5 : 7;
  const ring = s('circle', { class: 'focus-ring', r: radius + 7, cx: -100, cy: -100, 'aria-hidden': 'true' });
  const groups: SVGGElement[] = [];
  let selected = Math.max(0, model.points.length - 1);

  const show = (point: ChartPoint) => {
    const [headline = '', ...rest] = point.description.split('\n');
    replaceChildren(details, h('strong', {}, headline), rest.map((line) => [h('br'), line]));
    ring.setAttribute('cx', String(point.x));
    ring.setAttribute('cy', String(point.y));
  };
  const select = (index: number, focus: boolean) => {
    const next = Math.min(Math.max(index, 0), groups.length - 1);
    groups[selected]?.setAttribute('tabindex', '-1');
    selected = next;
    const group = groups[next];
    if (!group) return;
    group.setAttribute('tabindex', '0');
    if (focus) group.focus();
  };

  const plotRight = width - margin.right;
  const paths = stepPaths(model);
  const labelled = labelledIndexes(model.points.length, 6);
  const axisRows = ['recorded', ...(entries.some((e) => e.reportedAt || e.effectiveAt) ? ['source date'] : [])];
  const svg = s(
    'svg',
    {
      class: 'step-chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': `Timeline of ${figureName}: ${entries.length} recorded values, in record order. Use the arrow keys to move between them.`,
      onkeydown: (event: Event) => {
        const key = (event as KeyboardEvent).key;
        const moves: Record<string, number> = { ArrowLeft: selected - 1, ArrowDown: selected - 1, ArrowRight: selected + 1, ArrowUp: selected + 1,
          Home: 0, End: groups.length - 1, PageUp: selected - 10, PageDown: selected + 10 };
        if (!(key in moves)) return;
        event.preventDefault();
        select(moves[key]!, true);
      },
    },
    s('title', {}, `Timeline of ${figureName}`),
    model.ticks.map((tick) => [
      s('line', { class: 'grid', x1: margin.left, x2: plotRight, y1: tick.y, y2: tick.y }),
      s('text', { class: 'tick', x: margin.left - 10, y: tick.y + 4, 'text-anchor': 'end' }, tick.label),
    ]),
    s('text', { class: 'unit', x: margin.left - 10, y: margin.top - 8, 'text-anchor': 'end' }, model.unit),
    s('line', { class: 'lane', x1: margin.left, x2: plotRight, y1: model.noNumberLane, y2: model.noNumberLane }),
    s('text', { class: 'tick', x: margin.left - 10, y: model.noNumberLane + 4, 'text-anchor': 'end' }, 'no number'),
    paths.exact ? s('path', { class: 'step', d: paths.exact }) : null,
    paths.inexact ? s('path', { class: 'step inexact', d: paths.inexact }) : null,
    model.segments.filter((seg) => seg.yLow !== seg.yHigh).map((seg) =>
      s('rect', { class: 'step-range', x: seg.x1, y: seg.yHigh, width: seg.x2 - seg.x1, height: seg.yLow - seg.yHigh })),
    paths.risers ? s('path', { class: 'riser', d: paths.risers }) : null,
    model.asOfX !== undefined
      ? [
        s('line', { class: 'as-of-line', x1: model.asOfX, x2: model.asOfX, y1: margin.top, y2: model.noNumberLane }),
        s('text', { class: 'as-of-label', x: model.asOfX - 6, y: margin.top + 4, 'text-anchor': 'end' }, 'the moment you were viewing'),
      ]
      : null,
    // Both times under a few steps only (the first, the last, evenly between): when the
    // ledger recorded the step, and the date its source gave (in effect from, else reported).
    axisRows.map((row, r) => s('text', { class: 'x-row', x: margin.left - 10, y: height - margin.bottom + 16 + 16 * r, 'text-anchor': 'end' }, row)),
    labelled.map((index, k) => {
      const point = model.points[index]!;
      const entry = entries[index]!;
      const sourceDate = entry.effectiveAt ?? entry.reportedAt;
      // The outer dates lean inwards, clear of the row names on the left and of the edge.
      const lean = labelled.length > 2 && k === 0 ? 'start' : labelled.length > 2 && k === labelled.length - 1 ? 'end' : 'middle';
      const x = lean === 'start' ? Math.max(point.x - 6, margin.left) : lean === 'end' ? Math.min(point.x + 6, plotRight) : point.x;
      return s('text', { class: 'x-label', x, y: height - margin.bottom + 16, 'text-anchor': lean },
        s('tspan', { x, dy: 0 }, formatInstant(entry.recordedAt).split(' ')[0] ?? ''),
        sourceDate ? s('tspan', { x, dy: 16 }, sourceDate.slice(0, 10)) : null,
      );
    }),
    ring,
    model.points.map((point) => {
      const group = s('g', {
        class: `point change-${point.change}`,
        tabindex: point.index === selected ? 0 : -1,
        role: 'img',
        'aria-label': point.description.replace(/\n/g, '; '),
        'data-position': point.position,
        'data-change': point.change,
        'data-display': point.display,
        onmouseenter: () => show(point),
        onfocus: () => {
          select(point.index, false);
          show(point);
        },
      }, marker(point, radius));
      groups.push(group);
      return group;
    }),
  );

  return h('figure', { class: 'chart' },
    svg,
    h('figcaption', {},
      legend(),
      h('p', { class: 'hint' }, 'Steps are spaced evenly in the order they were recorded. Under the chart: when the ledger recorded a step, and the date its source gave (in effect from, or else reported). A solid line is an exact value; a dashed line is "up to", "about", "at least" or "more than".'),
    ),
    details,
  );
}

function legend(): HTMLElement {
  const item = (change: string, words: string) =>
    h('li', {},
      s('svg', { class: `legend-mark change-${change}`, viewBox: '0 0 20 20', width: 20, height: 20, 'aria-hidden': 'true' },
        marker({ x: 10, y: 10, change })),
      ` ${words}`);
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    item('initial', 'first reported'),
    item('revision', 'revision'),
    item('disclosure', 'disclosure'),
    item('correction', 'correction'),
    item('retraction', 'retraction'),
  );
}
