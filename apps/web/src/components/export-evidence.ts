import { getFile } from '../api.js';
import { h } from '../dom.js';
import { downloadButton } from './download.js';

/**
 * The deal's evidence bundle, downloaded as a zip from the ledger (`GET
 * /deals/:id/evidence-bundle`, an audit read, logged): the events, figure histories, an
 * inclusion proof per event and the signed checkpoint. Anyone can check it offline.
 */
export function exportEvidence(dealId: string): HTMLElement {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const download = downloadButton(status, {
    label: 'Download evidence bundle (zip)',
    preparing: 'Preparing the evidence bundle (the ledger checks its record first)…',
    failed: 'Could not download the bundle',
  }, async () => ({
    name: `${dealId}-evidence.zip`,
    content: await getFile(`/deals/${encodeURIComponent(dealId)}/evidence-bundle`),
    said: 'Downloaded the evidence bundle (zip).',
  }));
  return h('div', { class: 'export' },
    h('p', {}, download, ' ', status),
    h('details', {},
      h('summary', {}, 'How to check the bundle'),
      h('p', { class: 'sub' }, 'The bundle holds the events, the figure histories, an inclusion proof of each event and the signed checkpoint of the whole log. Unzip it, then anyone can check it offline with ',
        h('code', {}, "ledger verify-bundle <dir> --ledger-key '<the ledger key>'"), ' (the key given apart from the bundle). On the server, ',
        h('code', {}, `ledger export --deal ${dealId} --out <dir>`), ' writes the same bundle.'),
    ),
  );
}
