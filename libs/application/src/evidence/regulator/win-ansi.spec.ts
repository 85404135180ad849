import { charactersOutsideWinAnsi, winAnsiText } from './win-ansi.js';

describe('text for the PDF standard fonts', () => {
  it('keeps Latin-1 and the Windows-1252 extras as they are', () => {
    expect(winAnsiText('Société Générale — “€ 110 million” • Œuvre')).toBe('Société Générale — “€ 110 million” • Œuvre');
  });

  it('composes a base letter and its combining accent into the one WinAnsi character', () => {
    expect(winAnsiText('Se\u0301ne')).toBe('Séne');
  });

  it('writes any other character as its code point, astral ones whole, and counts them', () => {
    expect(winAnsiText('Tōkyō 東京 🏭')).toBe('T[U+014D]ky[U+014D] [U+6771][U+4EAC] [U+1F3ED]');
    expect(charactersOutsideWinAnsi('Tōkyō 東京 🏭')).toBe(5);
  });

  it('turns line breaks and tabs into spaces and other control characters into code points', () => {
    expect(winAnsiText('a\r\nb\nc\td\u0000')).toBe('a b c d[U+0000]');
  });
});
