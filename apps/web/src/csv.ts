/**
 * Comma-separated values a spreadsheet opens as text, never as formulas. A cell that begins
 * with = + - @ (or a tab or carriage return, which some spreadsheets skip before reading a
 * formula) is prefixed with an apostrophe: the OWASP advice against CSV injection. The
 * apostrophe shows in the cell; what a source said (a negative amount "-5") stays readable.
 * No DOM here (tested under Node).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-safe, quoted when it holds a comma, quote or line break. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells, CRLF between records (RFC 4180), the header first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
