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
