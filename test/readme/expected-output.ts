/**
 * Whether a command's output shows what the document says it does. The shown lines must appear
 * in the output in order, beginning at the start of a line and ending at the end of one; `…`
 * stands for any text (ids, times, hashes, or what the document leaves out), and white space is
 * ignored, so a JSON answer may be shown wrapped or indented.
 */
export function showsExpectedOutput(output: string, expected: string[]): boolean {
  if (expected.length === 0) return true;
  const pattern = expected
    .join('\n')
    .replace(/\s+/g, '')
    .split('…')
    .map((piece) => [...piece].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'))
    .join('[\\s\\S]*?');
  return new RegExp(`(?:^|\\n)[^\\S\\n]*${pattern}\\s*(?:\\n|$)`).test(output);
}
