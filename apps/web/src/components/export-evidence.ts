import { h } from '../dom.js';

/**
 * The evidence bundle is exported by the `ledger` command on the server (there is no HTTP
 * route for it): the page says exactly what to run, and copies it.
 */
export function exportEvidence(dealId: string): HTMLElement {
  const command = `ledger export --deal ${dealId} --out <dir>`;
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', {
    type: 'button',
    class: 'secondary',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(command);
        status.textContent = 'Copied.';
      } catch {
        status.textContent = 'Could not copy: select the command and copy it by hand.';
      }
    },
  }, 'Copy command');
  return h('details', { class: 'export' },
    h('summary', {}, 'Export evidence bundle'),
    h('p', {}, 'Evidence bundles are exported on the server with the ledger command (from the project folder, ', h('code', {}, 'npm run ledger -- export …'), '):'),
    h('p', {}, h('code', { class: 'command' }, command), ' ', copy, ' ', status),
    h('p', { class: 'sub' }, 'The bundle holds the events, figure histories, an inclusion proof of each event and the signed checkpoint of the whole log; anyone can check it offline with ',
      h('code', {}, "ledger verify-bundle <dir> --ledger-key '<the ledger key>'"), ' (the key given apart from the bundle).'),
  );
}
