import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimeStampReq } from 'pkijs';
import { describeWithOpenssl } from '../../../../test/support/openssl-tsa.js';
import { ID_SHA256 } from './oids.js';
import { createTimestampRequest } from './timestamp-request.js';

const note = Buffer.from('deal-ledger.local/0123456789abcdef\n12\nq2aW5Tb6n1h0o3kzjA1dJ6o6wFh0kP0pS1YxQ4lDWj8=\n');

describe('createTimestampRequest', () => {
  it('asks for SHA-256 of the data, with the TSA certificate and the nonce, as RFC 3161 §2.4.1 spells it', () => {
    const request = createTimestampRequest(note, { nonce: 0xfedcba9876543210n, policy: '2.999.1' });
    const parsed = TimeStampReq.fromBER(request.der);

    expect(parsed.version).toBe(1);
    expect(parsed.messageImprint.hashAlgorithm.algorithmId).toBe(ID_SHA256);
    expect(Buffer.from(parsed.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(createHash('sha256').update(note).digest());
    expect(request.imprint).toEqual(createHash('sha256').update(note).digest());
    expect(parsed.nonce!.toBigInt()).toBe(0xfedcba9876543210n);
    expect(request.nonce).toBe(0xfedcba9876543210n);
    expect(parsed.certReq).toBe(true);
    expect(parsed.reqPolicy).toBe('2.999.1');
  });

  it('draws a fresh random 64-bit nonce for every request', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => createTimestampRequest(note).nonce));
    expect(nonces.size).toBe(20);
    for (const nonce of nonces) expect(nonce >= 0n && nonce < 2n ** 64n).toBe(true);
  });

  it('leaves the policy to the TSA when none is asked for', () => {
    expect(TimeStampReq.fromBER(createTimestampRequest(note).der).reqPolicy).toBeUndefined();
  });

  it('refuses empty data, whose stamp could never be checked', () => {
    expect(() => createTimestampRequest(new Uint8Array())).toThrow(RangeError);
  });
});

describeWithOpenssl('createTimestampRequest, read by OpenSSL', () => {
  it('is a query `openssl ts -query` reads back with our imprint, nonce and certReq', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsq-'));
    try {
      const request = createTimestampRequest(note, { nonce: 0x0123456789abcdefn });
      writeFileSync(join(dir, 'request.tsq'), request.der);
      const text = execFileSync('openssl', ['ts', '-query', '-in', join(dir, 'request.tsq'), '-text'], { encoding: 'utf8', stdio: 'pipe' });

      expect(text).toMatch(/Hash Algorithm: sha256/);
      expect(text).toMatch(/Nonce: 0x0123456789ABCDEF/i);
      expect(text).toMatch(/Certificate required: yes/);
      const hexDump = [...text.matchAll(/^\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){1,16})/gim)].map((line) => line[1]!.replace(/[ -]/g, '')).join('');
      expect(hexDump).toBe(request.imprint.toString('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
