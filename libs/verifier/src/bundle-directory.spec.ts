import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notAPlainFile, readBundleDirectory } from './bundle-directory.js';
import { verifyBundle } from './bundle.js';
import { writeTestBundle } from './testing/evidence-bundle.js';

const ledger = { name: 'deal-ledger.local/0123456789abcdef', privateKey: generateKeyPairSync('ed25519').privateKey };
const bundle = writeTestBundle({ ledger });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  for (const [name, content] of bundle.files) writeFileSync(join(dir, name), content);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readBundleDirectory', () => {
  it('reads every file of the directory by name, byte for byte', async () => {
    const files = readBundleDirectory(dir);
    expect(new Set(files.keys())).toEqual(new Set(bundle.files.keys()));
    for (const [name, content] of bundle.files) expect(files.get(name)!.equals(content)).toBe(true);
    expect(await verifyBundle(files)).toMatchObject({ ok: true });
  });

  it('counts a directory inside the bundle as an extra file', async () => {
    mkdirSync(join(dir, 'more'));
    const files = readBundleDirectory(dir);
    expect(files.get(notAPlainFile('more'))).toEqual(Buffer.alloc(0));
    expect(await verifyBundle(files)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.UNLISTED_FILE', file: 'more (not a plain file)' } });
  });

  it('does not follow a symbolic link, even one in place of a listed file', async () => {
    const elsewhere = join(dir, '..', `${dir.split('/').at(-1)}-events.jsonl`);
    writeFileSync(elsewhere, bundle.files.get('events.jsonl')!);
    rmSync(join(dir, 'events.jsonl'));
    symlinkSync(elsewhere, join(dir, 'events.jsonl'));
    try {
      const files = readBundleDirectory(dir);
      expect(files.has('events.jsonl')).toBe(false);
      expect(await verifyBundle(files)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.UNLISTED_FILE', file: notAPlainFile('events.jsonl') } });
    } finally {
      rmSync(elsewhere);
    }
  });
});
