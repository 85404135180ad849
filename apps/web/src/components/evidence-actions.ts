import { getJson } from '../api.js';
import { h } from '../dom.js';
import { figureHistoriesCsv } from '../figure-history-csv.js';
import type { Deal, HistoryEntry } from '../types.js';
import { saveFile } from './download.js';
import { exportEvidence } from './export-evidence.js';

/**
 * Evidence for the file: the figures' histories as a spreadsheet (CSV, safe to open), the
 * page printed or saved as PDF (the print layout drops the controls), and the signed
 * evidence bundle.
 */
export function evidenceActions(deal: Deal): HTMLElement {
  const status = h('span', { class: 'evidence-status', role: 'status' });
  const csv = h('button', {
    type: 'button',
    class: 'secondary',
    onclick: async () => {
      status.textContent = 'Preparing the figure histories…';
      try {
        const figures = await Promise.all(deal.figures.map(async (f) => {
          const { body } = await getJson<{ entries: HistoryEntry[]; label: string }>(
            `/deals/${encodeURIComponent(deal.dealId)}/figures/${encodeURIComponent(f.figureId)}/history`);
          return { figureId: f.figureId, label: body.label, entries: body.entries };
        }));
        saveFile(`${deal.dealId}-figure-histories.csv`, new Blob([figureHistoriesCsv(deal.dealId, figures)], { type: 'text/csv;charset=utf-8' }));
        status.textContent = `Downloaded the histories of ${figures.length} figures (CSV).`;
      } catch (error) {
        status.textContent = `Could not prepare the CSV: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  }, 'Download figure histories (CSV)');
  const print = h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print or save as PDF');
  return h('div', { class: 'evidence-actions' }, csv, print, exportEvidence(deal.dealId), status);
}
