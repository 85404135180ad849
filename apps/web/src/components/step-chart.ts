import { h, replaceChildren, s } from '../dom.js';
import { formatInstant } from '../format.js';
import { buildChartModel, type ChartPoint, type TimelineEntry } from '../timeline/step-chart-model.js';

/** Marker shapes differ by kind of change, not only by colour, so they read in greyscale too. */
function marker(point: ChartPoint): SVGElement {
  const { x, y } = point;
  const r = 7;
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
 * the pointer or the keyboard focus: every marker is reachable with Tab.
 */
export function stepChart(entries: readonly TimelineEntry[], figureName: string, onRecord?: number): HTMLElement {
  const model = buildChartModel(entries, undefined, onRecord);
  const { width, height, margin } = model.size;
  const details = h('p', { class: 'chart-details', id: 'chart-details', 'aria-live': 'polite' },
    'Point at a step, or move to it with Tab, to see its source and who recorded it.');

  const show = (point: ChartPoint) => {
    const [headline = '', ...rest] = point.description.split('\n');
    replaceChildren(details, h('strong', {}, headline), rest.map((line) => [h('br'), line]));
  };

  const plotRight = width - margin.right;
  const svg = s(
    'svg',
    {
      class: 'step-chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': `Timeline of ${figureName}: ${entries.length} recorded values, in record order`,
    },
    s('title', {}, `Timeline of ${figureName}`),
    // y axis: ticks, labels and the unit
    model.ticks.map((tick) => [
      s('line', { class: 'grid', x1: margin.left, x2: plotRight, y1: tick.y, y2: tick.y }),
      s('text', { class: 'tick', x: margin.left - 10, y: tick.y + 4, 'text-anchor': 'end' }, tick.label),
    ]),
    s('text', { class: 'unit', x: margin.left - 10, y: margin.top - 8, 'text-anchor': 'end' }, model.unit),
    s('line', { class: 'lane', x1: margin.left, x2: plotRight, y1: model.noNumberLane, y2: model.noNumberLane }),
    s('text', { class: 'tick', x: margin.left - 10, y: model.noNumberLane + 4, 'text-anchor': 'end' }, 'no number'),
    // the step line
    model.segments.map((seg) =>
      seg.yLow === seg.yHigh
        ? s('line', { class: seg.exact ? 'step' : 'step inexact', x1: seg.x1, x2: seg.x2, y1: seg.yLow, y2: seg.yLow })
        : s('rect', { class: 'step-range', x: seg.x1, y: seg.yHigh, width: seg.x2 - seg.x1, height: seg.yLow - seg.yHigh }),
    ),
    model.risers.map((r) => s('line', { class: 'riser', x1: r.x, x2: r.x, y1: r.y1, y2: r.y2 })),
    model.asOfX !== undefined
      ? [
        s('line', { class: 'as-of-line', x1: model.asOfX, x2: model.asOfX, y1: margin.top, y2: model.noNumberLane }),
        s('text', { class: 'as-of-label', x: model.asOfX - 6, y: margin.top + 4, 'text-anchor': 'end' }, 'the moment you were viewing'),
      ]
      : null,
    // x labels: position and record date of each step
    model.points.map((point) => {
      const entry = entries[point.index]!;
      const [date = '', time = ''] = formatInstant(entry.recordedAt).split(' ');
      return s('text', { class: 'x-label', x: point.x, y: height - margin.bottom + 16, 'text-anchor': 'middle' },
        s('tspan', { x: point.x, dy: 0 }, `position ${point.position}`),
        s('tspan', { x: point.x, dy: 16 }, date),
        s('tspan', { x: point.x, dy: 16 }, `${time} UTC`),
      );
    }),
    // the markers, last so they sit on top and take the focus in record order
    model.points.map((point) =>
      s(
        'g',
        {
          class: `point change-${point.change}`,
          tabindex: 0,
          role: 'img',
          'aria-label': point.description.replace(/\n/g, '; '),
          'data-position': point.position,
          'data-change': point.change,
          'data-display': point.display,
          onmouseenter: () => show(point),
          onfocus: () => show(point),
        },
        s('title', {}, point.description),
        s('circle', { class: 'focus-ring', cx: point.x, cy: point.y, r: 14 }),
        marker(point),
      ),
    ),
  );

  return h('figure', { class: 'chart' },
    svg,
    h('figcaption', {},
      legend(),
      h('p', { class: 'hint' }, 'Steps are spaced evenly in record order; the position and record time of each step are under it. A solid line is an exact value; a dashed line is "up to", "about", "at least" or "more than".'),
    ),
    details,
  );
}

function legend(): HTMLElement {
  const item = (change: string, words: string) =>
    h('li', {},
      s('svg', { class: `legend-mark change-${change}`, viewBox: '0 0 20 20', width: 20, height: 20, 'aria-hidden': 'true' },
        marker({ index: 0, x: 10, y: 10, change, display: '', position: '', description: '' })),
      ` ${words}`);
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    item('initial', 'first reported'),
    item('revision', 'revision'),
    item('disclosure', 'disclosure'),
    item('correction', 'correction'),
    item('retraction', 'retraction'),
  );
}
