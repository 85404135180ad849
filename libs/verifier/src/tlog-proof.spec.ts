import { formatTlogProof, parseTlogProof } from './tlog-proof.js';
import { FormatError } from './verdict.js';

/** The example of c2sp.org/tlog-proof, byte for byte (its signatures are elided in the spec, which parsing here does not look at). */
const SPEC_CHECKPOINT =
  'example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n' +
  '\u2014 example.com/fancylog hI2DJw[...]1roloI=\n' +
  '\u2014 witness1.example mJirIklj[...]qY9v2B/5bg==\n' +
  '\u2014 witness2.example TnKKVHLX[...]xwYwrSjgow==\n' +
  '\u2014 witness3.example S4X82uH5[...]3oEcROGLFQ==\n';
const SPEC_HASHES = [
  'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
  'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
  'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
  'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
  'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
];
const SPEC_PROOF =
  'c2sp.org/tlog-proof@v1\nextra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\nindex 73894\n' +
  `${SPEC_HASHES.join('\n')}\n\n${SPEC_CHECKPOINT}`;

const checkpoint = 'log.example\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 log.example AAAAAAAA\n';

describe('tlog proofs (c2sp.org/tlog-proof@v1)', () => {
  it("reads the spec's example: extra data, index, five hashes, the checkpoint verbatim", () => {
    const proof = parseTlogProof(SPEC_PROOF);
    expect(proof.extra).toEqual(Buffer.from('YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ', 'base64'));
    expect(proof.index).toBe(73894);
    expect(proof.auditPath.map((h) => h.toString('base64'))).toEqual(SPEC_HASHES);
    expect(proof.checkpoint).toBe(SPEC_CHECKPOINT);
    expect(formatTlogProof(proof)).toBe(SPEC_PROOF);
  });

  it('writes no extra line without extra data, and no hash line for a one-leaf tree', () => {
    const text = formatTlogProof({ index: 0, auditPath: [], checkpoint });
    expect(text).toBe(`c2sp.org/tlog-proof@v1\nindex 0\n\n${checkpoint}`);
    expect(parseTlogProof(text)).toEqual({ index: 0, auditPath: [], checkpoint });
  });

  it.each([
    ['another header', SPEC_PROOF.replace('@v1', '@v2')],
    ['an index with a leading zero', SPEC_PROOF.replace('index 73894', 'index 073894')],
    ['a negative index', SPEC_PROOF.replace('index 73894', 'index -1')],
    ['no index line', SPEC_PROOF.replace('index 73894\n', '')],
    ['the index before the extra line', SPEC_PROOF.replace(/extra (\S+)\nindex 73894/, 'index 73894\nextra $1')],
    ['an empty extra line', SPEC_PROOF.replace(/extra \S+/, 'extra ')],
    ['a hash of 31 bytes', SPEC_PROOF.replace(SPEC_HASHES[0]!, Buffer.alloc(31).toString('base64'))],
    ['a hash in non-canonical base64', SPEC_PROOF.replace('PlQ=', 'PlR=')],
    ['no blank line before the checkpoint', SPEC_PROOF.replace('\n\nexample.com', '\nexample.com')],
    ['nothing after the blank line', `c2sp.org/tlog-proof@v1\nindex 0\n\n`],
    ['64 hashes', `c2sp.org/tlog-proof@v1\nindex 0\n${`${SPEC_HASHES[0]}\n`.repeat(64)}\n${checkpoint}`],
  ])('refuses a proof with %s', (_, text) => {
    expect(() => parseTlogProof(text)).toThrow(FormatError);
  });

  it('takes 63 hashes, the most a tree below 2^63 leaves needs', () => {
    expect(parseTlogProof(`c2sp.org/tlog-proof@v1\nindex 0\n${`${SPEC_HASHES[0]}\n`.repeat(63)}\n${checkpoint}`).auditPath).toHaveLength(63);
  });

  it('refuses to write what it would refuse to read', () => {
    expect(() => formatTlogProof({ index: -1, auditPath: [], checkpoint })).toThrow(FormatError);
    expect(() => formatTlogProof({ index: 0, auditPath: [Buffer.alloc(31)], checkpoint })).toThrow(FormatError);
    expect(() => formatTlogProof({ index: 0, extra: Buffer.alloc(0), auditPath: [], checkpoint })).toThrow(FormatError);
    expect(() => formatTlogProof({ index: 0, auditPath: [], checkpoint: checkpoint.slice(0, -1) })).toThrow(FormatError);
  });
});
