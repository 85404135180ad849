import { generateKeyPairSync } from 'node:crypto';
import { formatSignatureLine, formatSignedNote, MAX_NOTE_SIGNATURES, openNote, parseSignedNote, signNote, verifyNote } from './signed-note.js';
import { FormatError } from './verdict.js';
import { ED25519_COSIGNATURE, parseVerifierKey, verifierKeyFromPublicKey } from './verifier-key.js';

/** The example of c2sp.org/signed-note, "Verifier keys" → "Example", byte for byte. */
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n' +
  '\n' +
  '\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
/** The note at the top of signed-note.md: its text holds an empty line of its own. */
const QUASIMODO =
  'Ognuno sta solo sul cuor della terra\n' +
  'trafitto da un raggio di sole:\n' +
  '\n' +
  'ed è subito sera.\n' +
  '\n' +
  '\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';

const specKey = parseVerifierKey(SPEC_VKEY);
const signerNamed = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, key: verifierKeyFromPublicKey(name, publicKey) };
};

describe('signed notes (c2sp.org/signed-note)', () => {
  it("verifies the spec's example note with the spec's example key", () => {
    const verdict = openNote(SPEC_NOTE, [specKey]);
    expect(verdict).toMatchObject({ ok: true, verifiedBy: [specKey] });
    const note = parseSignedNote(SPEC_NOTE);
    expect(note.text).toBe('This is an example message.\n');
    expect(note.signatures).toEqual([{ name: 'example.com/foo', keyId: '530d903a', signature: expect.any(Buffer) }]);
    expect(note.signatures[0]!.signature).toHaveLength(64);
    expect(formatSignedNote(note)).toBe(SPEC_NOTE);
  });

  it('reads the same note from its UTF-8 bytes', () => {
    expect(openNote(Buffer.from(SPEC_NOTE, 'utf8'), [specKey]).ok).toBe(true);
  });

  it('separates text from signatures at the last empty line, so a text may hold empty lines', () => {
    const note = parseSignedNote(QUASIMODO);
    expect(note.text).toBe('Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n');
    expect(note.signatures.map((s) => s.name)).toEqual(['quasimodo.example/salvatore']);
    expect(formatSignedNote(note)).toBe(QUASIMODO);
  });

  it('rejects the example with one character of its text changed', () => {
    expect(openNote(SPEC_NOTE.replace('example message', 'example massage'), [specKey])).toEqual({
      ok: false,
      reason: 'the signature of example.com/foo (key 530d903a) does not verify: the note was altered or not signed by that key',
    });
  });

  it('ignores signatures by unknown keys, even when they share the name or the key id of a known one', () => {
    const { signer } = signerNamed('example.com/foo'); // same name, another key id
    const text = 'This is an example message.\n';
    const sameName = signNote(text, signer);
    const sameId = { name: 'example.com/bar', keyId: '530d903a', signature: Buffer.alloc(64) };
    const note = parseSignedNote(`${SPEC_NOTE}${formatSignatureLine(sameName)}${formatSignatureLine(sameId)}`);
    expect(note.signatures).toHaveLength(3);
    expect(verifyNote(note, [specKey])).toMatchObject({ ok: true, verifiedBy: [specKey] });
  });

  it('rejects a note when a known key’s signature fails, even if another known key’s holds', () => {
    const other = signerNamed('other.example/log');
    const text = 'This is an example message.\n';
    const forged = { ...signNote(text, other.signer), signature: Buffer.alloc(64, 1) };
    const note = parseSignedNote(`${SPEC_NOTE}${formatSignatureLine(forged)}`);
    expect(verifyNote(note, [specKey, other.key])).toMatchObject({ ok: false, reason: expect.stringContaining('other.example/log') });
    expect(verifyNote(note, [specKey])).toMatchObject({ ok: true });
  });

  it('rejects a note with no signature by any trusted key, saying who signed it', () => {
    const { key } = signerNamed('mine.example');
    expect(openNote(SPEC_NOTE, [key])).toMatchObject({ ok: false, reason: expect.stringMatching(/no signature by a trusted key.*example\.com\/foo \(key 530d903a\)/) });
    expect(openNote(SPEC_NOTE, [])).toMatchObject({ ok: false });
  });

  it('signs with Ed25519 (type 0x01) so that its own verifier accepts it', () => {
    const { signer, key } = signerNamed('ledger.example/1');
    const text = 'ledger.example/1\n12\nAAAA\n';
    const signed = formatSignedNote({ text, signatures: [signNote(text, signer)] });
    expect(signed).toMatch(/^ledger\.example\/1\n12\nAAAA\n\n\u2014 ledger\.example\/1 [A-Za-z0-9+/]{91}=\n$/);
    expect(openNote(signed, [key])).toMatchObject({ ok: true, verifiedBy: [key] });
  });

  it('accepts 16 signatures, and up to its cap of 100, and refuses more', () => {
    const { signer, key } = signerNamed('ledger.example/1');
    const text = 'hello\n';
    const line = formatSignatureLine(signNote(text, signer));
    const unknown = formatSignatureLine({ name: 'w.example', keyId: '00000000', signature: Buffer.alloc(72) });
    expect(openNote(`${text}\n${unknown.repeat(15)}${line}`, [key]).ok).toBe(true);
    expect(openNote(`${text}\n${unknown.repeat(MAX_NOTE_SIGNATURES - 1)}${line}`, [key]).ok).toBe(true);
    expect(openNote(`${text}\n${unknown.repeat(MAX_NOTE_SIGNATURES)}${line}`, [key])).toEqual({
      ok: false,
      reason: 'signed-note: more than 100 signature lines',
    });
  });

  it.each([
    ['no final newline', SPEC_NOTE.slice(0, -1)],
    ['no blank line', SPEC_NOTE.replace('\n\n', '\n')],
    ['no signature line', 'This is an example message.\n\n'],
    ['a hyphen for the em dash', SPEC_NOTE.replace('\u2014', '-')],
    ['two spaces after the name', SPEC_NOTE.replace('foo ', 'foo  ')],
    ['no space after the em dash', SPEC_NOTE.replace('\u2014 ', '\u2014')],
    ['a plus in the key name', SPEC_NOTE.replace('example.com/foo ', 'example.com/f+o ')],
    ['a no-break space in the key name', SPEC_NOTE.replace('example.com/foo ', 'example.com/f\u00a0o ')],
    ['a carriage return', SPEC_NOTE.replace('message.\n', 'message.\r\n')],
    ['a tab in the text', SPEC_NOTE.replace(' example', '\texample')],
    ['a NUL in a signature line', SPEC_NOTE.replace('foo ', 'foo\u0000 ')],
    ['a lone surrogate', SPEC_NOTE.replace('This', '\ud800This')],
    ['a signature of the key id only', 'hello\n\n\u2014 example.com/foo Uw2QOg==\n'],
    ['base64 without its padding', SPEC_NOTE.replace('aQM=', 'aQM')],
    ['base64 with a bad character', SPEC_NOTE.replace('Uw2Q', 'Uw*Q')],
    // "aQN=" decodes to the bytes of "aQM=" (the last 2 bits are unused): only the canonical spelling is read.
    ['non-canonical base64 (unused bits set)', SPEC_NOTE.replace('aQM=', 'aQN=')],
  ])('refuses a note with %s', (_, text) => {
    expect(() => parseSignedNote(text)).toThrow(FormatError);
    expect(openNote(text, [specKey]).ok).toBe(false);
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(SPEC_NOTE)]);
    expect(() => parseSignedNote(bytes)).toThrow('signed-note: not valid UTF-8');
  });

  it('shows why canonical base64 matters: Node alone reads the non-canonical spelling as the same signature', () => {
    expect(Buffer.from('aQN=', 'base64')).toEqual(Buffer.from('aQM=', 'base64'));
  });

  it('refuses to sign a text that does not end with a newline or holds a control character', () => {
    const { signer } = signerNamed('ledger.example/1');
    expect(() => signNote('no newline', signer)).toThrow(FormatError);
    expect(() => signNote('a\rb\n', signer)).toThrow(FormatError);
    expect(() => formatSignedNote({ text: 'hello\n', signatures: [] })).toThrow(FormatError);
  });

  it('is not given witness keys: their cosignatures are checked by verifyCosignatures', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(() => verifyNote(parseSignedNote(SPEC_NOTE), [verifierKeyFromPublicKey('w.example', publicKey, ED25519_COSIGNATURE)])).toThrow(TypeError);
  });
});
