import { h } from '../dom.js';

/**
 * Hands a file made in the page to the browser's downloads (a link to an object URL with
 * `download`): nothing leaves the page, so the strict Content-Security-Policy holds.
 */
export function saveFile(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the next task may let the object go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file made in the page, and what to say once it is handed over. */
export interface MadeFile {
  name: string;
  content: Blob;
  said: string;
}

/**
 * A button that makes a file (asking the ledger as needed) and hands it to the browser's
 * downloads, saying in `status` what it is doing, and why not when it cannot.
 */
export function downloadButton(status: HTMLElement, words: { label: string; preparing: string; failed: string }, make: () => Promise<MadeFile>): HTMLElement {
  return h('button', {
    type: 'button',
    class: 'secondary',
    onclick: async () => {
      status.textContent = words.preparing;
      try {
        const file = await make();
        saveFile(file.name, file.content);
        status.textContent = file.said;
      } catch (error) {
        status.textContent = `${words.failed}: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  }, words.label);
}
