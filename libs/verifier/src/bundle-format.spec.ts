import {
  EVIDENCE_BUNDLE_FORMAT,
  formatEventLine,
  formatManifest,
  isBundleFileName,
  manifestEntryOf,
  parseManifest,
  proofFileName,
  revisionOfProofFile,
} from './bundle-format.js';
import { FormatError } from './verdict.js';

const entry = (name: string, content = name) => manifestEntryOf(name, Buffer.from(content));
const manifest = {
  dealId: 'caremag-2025',
  streamId: 'deal-caremag-2025',
  treeSize: 11,
  files: [entry('proof-10.tlog-proof'), entry('events.jsonl'), entry('VERIFY.txt'), entry('proof-2.tlog-proof'), entry('checkpoint')],
};

describe('the evidence bundle v2 format', () => {
  it('writes the manifest text: format, deal, stream, tree, then "<sha256> <bytes> <name>" sorted by name', () => {
    const text = formatManifest(manifest);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([EVIDENCE_BUNDLE_FORMAT, 'deal caremag-2025', 'stream deal-caremag-2025', 'tree 11']);
    expect(lines.slice(4, -1).map((l) => l.split(' ')[2])).toEqual(['VERIFY.txt', 'checkpoint', 'events.jsonl', 'proof-10.tlog-proof', 'proof-2.tlog-proof']);
    expect(lines[5]).toBe(`${entry('checkpoint').sha256} 10 checkpoint`);
    expect(lines.at(-1)).toBe('');
    expect(parseManifest(text)).toEqual({ ...manifest, files: [...manifest.files].sort((a, b) => (a.name < b.name ? -1 : 1)) });
  });

  it('gives each file its size and lowercase SHA-256', () => {
    expect(manifestEntryOf('a', Buffer.from('abc'))).toEqual({
      name: 'a',
      bytes: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it.each([
    ['another format line', (t: string) => t.replace(EVIDENCE_BUNDLE_FORMAT, 'deal-ledger/evidence-bundle/v1')],
    ['no deal line', (t: string) => t.replace('deal caremag-2025\n', '')],
    ['an empty deal id', (t: string) => t.replace('deal caremag-2025', 'deal ')],
    ['a tree size with a leading zero', (t: string) => t.replace('tree 11', 'tree 011')],
    ['files out of order', (t: string) => swapLines(t, 4, 5)],
    ['a file listed twice', (t: string) => t.replace(/(.* checkpoint\n)/, '$1$1')],
    ['the MANIFEST listed', (t: string) => `${t}${entry('MANIFEST').sha256} 8 MANIFEST\n`],
    ['a path for a name', (t: string) => `${t}${entry('x').sha256} 1 x/y\n`],
    ['a hidden name', (t: string) => t.replace(' VERIFY.txt', ' .VERIFY.txt')],
    ['uppercase hex', (t: string) => t.replace(entry('checkpoint').sha256, entry('checkpoint').sha256.toUpperCase())],
    ['a size with a leading zero', (t: string) => t.replace(' 10 checkpoint', ' 010 checkpoint')],
    ['two spaces', (t: string) => t.replace(' 10 checkpoint', '  10 checkpoint')],
    ['no final newline', (t: string) => t.slice(0, -1)],
  ])('refuses a manifest with %s', (_, change) => {
    expect(() => parseManifest(change(formatManifest(manifest)))).toThrow(FormatError);
  });

  it('refuses to write a manifest it could not read back', () => {
    expect(() => formatManifest({ ...manifest, files: [entry('a b')] })).toThrow(FormatError);
    expect(() => formatManifest({ ...manifest, files: [entry('x'), entry('x')] })).toThrow(FormatError);
  });

  it('names proof files by revision, one spelling each', () => {
    expect(proofFileName(0)).toBe('proof-0.tlog-proof');
    expect(revisionOfProofFile('proof-12.tlog-proof')).toBe(12);
    expect(revisionOfProofFile('proof-012.tlog-proof')).toBeUndefined();
    expect(revisionOfProofFile('proof-1.tlog-proof.bak')).toBeUndefined();
    expect(isBundleFileName('checkpoint.tsr')).toBe(true);
    expect(isBundleFileName('..')).toBe(false);
    expect(isBundleFileName('')).toBe(false);
  });

  it('writes an event line as its canonical JSON and a newline', () => {
    const line = formatEventLine({
      type: 'T.v1',
      streamId: 's',
      revision: 0,
      recordedAt: 't',
      position: '1',
      metadata: { b: 1, a: 2 },
      hash: '0'.repeat(64),
      eventId: 'e',
      data: { z: [1, { y: 2, x: 3 }] },
    });
    expect(line).toBe(`{"data":{"z":[1,{"x":3,"y":2}]},"eventId":"e","hash":"${'0'.repeat(64)}","metadata":{"a":2,"b":1},"position":"1","recordedAt":"t","revision":0,"streamId":"s","type":"T.v1"}\n`);
  });
});

function swapLines(text: string, i: number, j: number): string {
  const lines = text.split('\n');
  [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  return lines.join('\n');
}
