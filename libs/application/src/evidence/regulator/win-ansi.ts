/**
 * The PDF's standard fonts (Helvetica) draw WinAnsiEncoding only: Latin-1's printable
 * characters plus the 27 that Windows-1252 puts in 0x80–0x9F (€, curly quotes, dashes, …).
 * Embedding a font that covers every script would make the report depend on a font file
 * the machine may not have; instead, any other character is written visibly as `[U+XXXX]`
 * (its code point), never dropped or guessed at, and the report says so. Names keep their
 * exact spelling in events.jsonl and figure-histories.csv (UTF-8).
 */
const CP1252_EXTRAS = new Set(
  [0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178],
);

export function isWinAnsi(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || CP1252_EXTRAS.has(codePoint);
}

/** What the report prints for a text: NFC first (so "e" + combining acute is "é"), line breaks and tabs as spaces, the rest as [U+XXXX]. */
export function winAnsiText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n|[\r\n\t]/g, ' ')) {
    const codePoint = char.codePointAt(0)!;
    out += isWinAnsi(codePoint) ? char : `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}

/** How many characters winAnsiText writes as code points (the report counts them). */
export function charactersOutsideWinAnsi(text: string): number {
  return [...text.normalize('NFC').replace(/\r\n|[\r\n\t]/g, ' ')].filter((char) => !isWinAnsi(char.codePointAt(0)!)).length;
}
