/**
 * Whether a command's output shows what the document says it does. The shown lines must appear
 * in the output in order; `…` stands for any text (ids, times, hashes, or what the document
 * leaves out), and white space is ignored, so a JSON answer may be shown wrapped or indented.
 */
export function showsExpectedOutput(output: string, expected: string[]): boolean {
  if (expected.length === 0) return true;
  const pattern = withoutSpace(expected.join('\n'))
    .split('…')
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(pattern).test(withoutSpace(output));
}

function withoutSpace(text: string): string {
  return text.replace(/\s+/g, '');
}
