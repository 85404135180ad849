import { getJson } from '../api.js';
import { h } from '../dom.js';
import { figureHistoriesCsv } from '../figure-history-csv.js';
import type { Deal, HistoryEntry } from '../types.js';
import { downloadButton } from './download.js';
import { exportEvidence } from './export-evidence.js';

/**
 * Evidence for the file: the figures' histories as a spreadsheet (CSV, safe to open), the
 * page printed or saved as PDF (the print layout drops the controls), and the signed
 * evidence bundle.
 */
export function evidenceActions(deal: Deal): HTMLElement {
  const status = h('span', { class: 'evidence-status', role: 'status' });
  const csv = downloadButton(status, {
    label: 'Download figure histories (CSV)',
    preparing: 'Preparing the figure histories…',
    failed: 'Could not prepare the CSV',
  }, async () => {
    const figures = await Promise.all(deal.figures.map(async (f) => {
      const { body } = await getJson<{ entries: HistoryEntry[]; label: string }>(
        `/deals/${encodeURIComponent(deal.dealId)}/figures/${encodeURIComponent(f.figureId)}/history`);
      return { figureId: f.figureId, label: body.label, entries: body.entries };
    }));
    return {
      name: `${deal.dealId}-figure-histories.csv`,
      content: new Blob([figureHistoriesCsv(deal.dealId, figures)], { type: 'text/csv;charset=utf-8' }),
      said: `Downloaded the histories of ${figures.length} figures (CSV).`,
    };
  });
  const print = h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print or save as PDF');
  return h('div', { class: 'evidence-actions' }, csv, print, exportEvidence(deal.dealId), status);
}
