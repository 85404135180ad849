/**
 * Debian's poppler-utils (`pdftotext`, `pdfinfo`) read the PDFs the ledger writes back, as a
 * reader's tool would, independent of the library that drew them. CI installs the package;
 * where it is missing, the suites that need it are skipped with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const popplerMissing: string | undefined = probe();
// Straight to stderr, once per test file: Jest's reporter drops console output of a file whose tests were all skipped.
if (popplerMissing) process.stderr.write(`PDF reading tests skipped: ${popplerMissing}\n`);

function probe(): string | undefined {
  for (const tool of ['pdftotext', 'pdfinfo']) {
    const run = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (run.error) return `${tool} is not installed (Debian: apt-get install poppler-utils)`;
  }
  return undefined;
}

/** `describe`, or `describe.skip` with the reason in its name when poppler-utils is missing. */
export function describeWithPoppler(name: string, tests: () => void): void {
  if (popplerMissing) describe.skip(`${name} (skipped: ${popplerMissing})`, tests);
  else describe(name, tests);
}

function withFile<T>(pdf: Uint8Array, read: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** The PDF's text as pdftotext reads it. */
export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']));
}

/** pdfinfo's fields (Title, Pages, CreationDate…); it exits non-zero on a file that is not a PDF. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = withFile(pdf, (file) => run('pdfinfo', ['-isodates', file]));
  return Object.fromEntries(out.split('\n').flatMap((line) => (/^([^:]+):\s*(.*)$/.exec(line) ? [[RegExp.$1.trim(), RegExp.$2.trim()]] : [])));
}

/**
 * Text compared without its layout: pdftotext breaks lines where the PDF wrapped them and drops
 * a hyphen it takes for a word break, so both sides lose white space and hyphens.
 */
export function flat(text: string): string {
  return text.replace(/[\s-]+/g, '');
}
