import { getJson } from '../api.js';
import { h } from '../dom.js';
import type { Figure, HistoryEntry } from '../types.js';

/**
 * A corrected figure's row says what the record held before the correction ("Corrected
 * from: 500 t"): read from the figure's history (an audit read), for corrected rows only,
 * and added under the value once it comes. Nothing is shown when the history is not open
 * to the reader.
 */
export async function showReplacedValues(
  table: ParentNode,
  dealId: string,
  figures: readonly Figure[],
  signal: AbortSignal,
  /** False once the table shows another moment: an answer that comes late is then dropped. */
  stillShown: () => boolean,
): Promise<void> {
  await Promise.all(figures.filter((f) => f.change === 'correction').map(async (f) => {
    try {
      const { body } = await getJson<{ entries: HistoryEntry[] }>(
        `/deals/${encodeURIComponent(dealId)}/figures/${encodeURIComponent(f.figureId)}/history`, {}, signal);
      const at = body.entries.findIndex((e) => e.position === f.position);
      const before = at > 0 ? body.entries[at - 1] : undefined;
      const cell = table.querySelector(`tr[data-figure-id="${CSS.escape(f.figureId)}"] td.value`);
      if (before && cell && stillShown() && !cell.querySelector('.replaced')) {
        cell.append(h('div', { class: 'replaced' }, h('span', { class: 'label' }, 'Corrected from: '), h('del', {}, before.display)));
      }
    } catch {
      // The value shown stands on its own; the history is one click away on the timeline.
    }
  }));
}
