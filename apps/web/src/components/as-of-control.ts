import { h } from '../dom.js';
import { formatInstant, MOMENT_EXPECTED } from '../format.js';
import { typedMoment } from './typed-moment.js';
import { momentAtOrBefore, momentInWords, type RecordMoment } from '../record-moments.js';

export interface AsOfControl {
  element: HTMLElement;
  /** Puts the slider where the shown answer was computed (`undefined`: now). */
  show(asOfPosition: string | undefined, knownAt: string | undefined): void;
  /** The moment asked is before the deal's first event: the control says so, instead of "now". */
  beforeFirst(knownAt: string): void;
}

/**
 * "As on record at": a slider over the deal's record moments (one step per event, the
 * last one is now), or a date, or a date and time with its zone. Either asks for the deal as it
 * stood then (`knownAt`). Arrow keys move one event at a time; Home and End go to the first and now.
 */
export function asOfControl(moments: readonly RecordMoment[], choose: (knownAt: string | undefined) => void): AsOfControl {
  const last = moments.length - 1;
  const slider = h('input', {
    id: 'as-of-slider',
    type: 'range',
    min: 0,
    max: Math.max(last, 0),
    step: 1,
    value: Math.max(last, 0),
    'aria-describedby': 'as-of-moment',
  });
  const output = h('output', { id: 'as-of-moment', for: 'as-of-slider', class: 'moment' });
  const timeField = h('input', { id: 'as-of-time', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', placeholder: '2025-08-01T00:00:00Z', 'aria-describedby': 'as-of-time-hint' });
  const problem = h('p', { class: 'field-error', id: 'as-of-problem', role: 'alert', hidden: true });

  const wordsAt = (index: number): string => {
    const moment = moments[index];
    if (!moment) return 'No events on record';
    return index === last ? `Now: the latest on record (${momentInWords(moment)})` : momentInWords(moment);
  };
  const describe = (index: number) => {
    const words = wordsAt(index);
    output.textContent = words;
    slider.setAttribute('aria-valuetext', words);
  };

  slider.addEventListener('input', () => describe(Number(slider.value)));
  // `change` comes once per key press, or when a dragged thumb is let go: one request each.
  slider.addEventListener('change', () => {
    const index = Number(slider.value);
    timeField.value = '';
    choose(index === last ? undefined : moments[index]!.position);
  });

  const form = h('form', {
    class: 'as-of-time',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const instant = typedMoment(timeField, problem, MOMENT_EXPECTED);
      if (instant) choose(instant);
    },
  },
    h('label', { for: 'as-of-time' }, 'Or a date, or a date and time'),
    h('span', { class: 'hint', id: 'as-of-time-hint' }, 'ISO 8601, e.g. 2025-08-01 (the start of that day, UTC) or 2025-08-01T09:30:00Z (a time needs its zone)'),
    h('span', { class: 'inline' },
      timeField,
      h('button', { type: 'submit' }, 'Show the record then'),
    ),
    problem,
  );

  const now = h('button', {
    type: 'button',
    class: 'secondary',
    onclick: () => {
      timeField.value = '';
      choose(undefined);
    },
  }, 'Back to now');

  const element = h('section', { class: 'as-of panel', 'aria-labelledby': 'as-of-heading' },
    h('h2', { id: 'as-of-heading' }, 'As on record at'),
    h('p', { class: 'hint' }, 'Shows the whole deal as the ledger stood at that moment: only what had been recorded by then.'),
    h('label', { for: 'as-of-slider' }, 'Record moment'),
    h('div', { class: 'slider-row' },
      h('span', { class: 'hint', 'aria-hidden': 'true' }, 'first'),
      slider,
      h('span', { class: 'hint', 'aria-hidden': 'true' }, 'now'),
    ),
    output,
    h('div', { class: 'as-of-actions' }, form, now),
  );

  return {
    element,
    show(asOfPosition, knownAt) {
      const index = asOfPosition === undefined ? last : momentAtOrBefore(moments, asOfPosition);
      if (index >= 0) slider.value = String(index);
      describe(Number(slider.value));
      if (knownAt !== undefined && !/^\d+$/.test(knownAt)) {
        timeField.value = knownAt;
        output.textContent = `${formatInstant(knownAt)}: ${index >= 0 ? `the record up to ${wordsAt(index)}` : 'before the deal was on record'}`;
      } else if (document.activeElement !== timeField) {
        timeField.value = '';
      }
    },
    beforeFirst(knownAt) {
      slider.value = '0';
      const words = `${/^\d+$/.test(knownAt) ? 'That moment' : formatInstant(knownAt)}: before the deal was first recorded`;
      output.textContent = words;
      slider.setAttribute('aria-valuetext', words);
    },
  };
}
