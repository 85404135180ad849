import { h } from '../dom.js';
import { typedMoment } from './typed-moment.js';

export interface ValidAtControl {
  element: HTMLElement;
  /** Shows the date the page is set to (`undefined`: any date, the figures as last reported). */
  show(validAt: string | undefined): void;
}

/**
 * "In effect on": the deal as its sources said things stood on a date (valid time), beside
 * "as on record at" (record time). A backfilled deal, reported in 2025 and recorded in 2026,
 * is read by the first: what was in effect on 2025-08-01.
 */
export function validAtControl(choose: (validAt: string | undefined) => void): ValidAtControl {
  const field = h('input', { id: 'valid-at', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', placeholder: '2025-08-01', 'aria-describedby': 'valid-at-hint' });
  const problem = h('p', { class: 'field-error', id: 'valid-at-problem', role: 'alert', hidden: true });
  const form = h('form', {
    class: 'valid-at',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const date = typedMoment(field, problem, 'Enter a date such as 2025-08-01 (or a date and time with its zone, such as 2025-08-01T09:30Z).');
      if (date) choose(date);
    },
  },
    h('label', { for: 'valid-at' }, 'In effect on'),
    h('span', { class: 'hint', id: 'valid-at-hint' }, 'A date: the figures as their sources said they stood that day.'),
    h('span', { class: 'inline' }, field, h('button', { type: 'submit' }, 'Show what was in effect')),
    problem,
  );
  const any = h('button', { type: 'button', class: 'secondary', onclick: () => { field.value = ''; choose(undefined); } }, 'Any date');
  const element = h('section', { class: 'valid-at-panel panel', 'aria-labelledby': 'valid-at-heading' },
    h('h2', { id: 'valid-at-heading' }, 'In effect on'),
    h('p', { class: 'hint' }, 'Reports often come long before they are recorded here. This shows what the sources said was in effect on a day.'),
    h('div', { class: 'as-of-actions' }, form, any),
  );
  return {
    element,
    show(validAt) {
      if (document.activeElement !== field) field.value = validAt ?? '';
    },
  };
}
