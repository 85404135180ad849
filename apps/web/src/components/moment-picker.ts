import { h } from '../dom.js';
import type { RecordMoment } from '../record-moments.js';

const SHOWN = 100;

export interface MomentPicker {
  element: HTMLElement;
  select: HTMLSelectElement;
  value(): string;
  set(position: string): void;
}

/**
 * A record moment to pick among many: a search field narrows the list (by date, figure,
 * kind of change or who recorded it) and the list holds at most 100 moments at a time,
 * the chosen one always among them. A deal with 1,100 changes stays a short list.
 */
export function momentPicker(id: string, moments: readonly RecordMoment[], words: (m: RecordMoment) => string, preset: number): MomentPicker {
  const texts = moments.map(words);
  const search = h('input', { id: `${id}-search`, type: 'search', autocomplete: 'off', 'aria-describedby': `${id}-search-hint`, 'aria-controls': `${id}-moment` });
  const select = h('select', { id: `${id}-moment`, name: `${id}-moment` });
  const count = h('span', { class: 'hint', id: `${id}-search-hint`, role: 'status' });
  let chosen = moments[preset]?.position ?? '';

  const fill = () => {
    const needle = search.value.trim().toLowerCase();
    const matches: number[] = [];
    texts.forEach((text, i) => {
      if (needle === '' || text.toLowerCase().includes(needle)) matches.push(i);
    });
    // The latest matches first in view when there are too many; the chosen moment always stays.
    let shown = matches.length > SHOWN ? matches.slice(-SHOWN) : matches;
    const chosenIndex = moments.findIndex((m) => m.position === chosen);
    if (chosenIndex >= 0 && !shown.includes(chosenIndex)) shown = [...shown, chosenIndex].sort((a, b) => a - b);
    select.replaceChildren(...shown.map((i) => h('option', { value: moments[i]!.position, selected: moments[i]!.position === chosen }, texts[i]!)));
    count.textContent = needle === ''
      ? (moments.length > SHOWN ? `Showing the latest ${SHOWN} of ${moments.length.toLocaleString('en')} moments: type to find others.` : `${moments.length} moments.`)
      : `${matches.length.toLocaleString('en')} moments match${matches.length > SHOWN ? `; showing the latest ${SHOWN}` : ''}.`;
  };
  search.addEventListener('input', fill);
  select.addEventListener('change', () => (chosen = select.value));
  fill();

  return {
    element: h('div', { class: 'moment-picker' },
      h('label', { for: `${id}-search` }, 'Find a moment'),
      search,
      count,
      h('label', { for: `${id}-moment` }, 'Record moment'),
      select,
    ),
    select,
    value: () => select.value,
    set(position) {
      chosen = position;
      fill();
      select.value = position;
    },
  };
}
