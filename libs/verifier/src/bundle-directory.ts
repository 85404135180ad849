import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a directory entry that is not a plain file is named in the map: never a valid bundle file name, so it counts as extra. */
export function notAPlainFile(name: string): string {
  return `${name} (not a plain file)`;
}

/**
 * Reads a bundle directory for verifyBundle: every plain file, by name. A bundle is flat,
 * so anything else (a directory, a symbolic link, a device) is put in the map under
 * notAPlainFile(name), with no content, and the verification reports it as an extra file
 * instead of following it.
 */
export function readBundleDirectory(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.set(entry.name, readFileSync(join(dir, entry.name)));
    else files.set(notAPlainFile(entry.name), Buffer.alloc(0));
  }
  return files;
}

/**
 * Reads an unzipped regulator package: every plain file by its path (`bundles/<stream>/…`).
 * Anything that is not a plain file or a directory is put in the map as readBundleDirectory does.
 */
export function readPackageDirectory(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`;
    if (entry.isFile()) files.set(path, readFileSync(join(dir, path)));
    else if (entry.isDirectory()) for (const [name, bytes] of readPackageDirectory(dir, `${path}/`)) files.set(name, bytes);
    else files.set(notAPlainFile(path), Buffer.alloc(0));
  }
  return files;
}
