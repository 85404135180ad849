import { zipSync } from 'fflate';

/**
 * DOS time fields are written from the Date's *local* fields (fflate), so an instant would
 * give different bytes in different time zones: a fixed local date gives the same fields
 * everywhere. 1980-01-01 is the earliest a zip can hold; the package's own date is in its
 * report and manifest, not in the container.
 */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The package as one zip: entries in path order, stored (not deflated: the manifest signs
 * the files' bytes, and stored entries keep them readable by any unzip), every entry with
 * the same time, no extra fields. The same files give the same zip, byte for byte.
 */
export function zipPackage(files: ReadonlyMap<string, Buffer>): Buffer {
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const zip = zipSync(Object.fromEntries(entries.map(([name, bytes]) => [name, [new Uint8Array(bytes), { level: 0, mtime: ENTRY_TIME }]])));
  return Buffer.from(zip);
}
