import { Writable } from 'node:stream';
import { createLedgerLogger } from './ledger-logger.js';
import { REDACTED, redactSecrets } from './redact-secrets.js';

describe('redacting credentials from log lines', () => {
  it('hides a KurrentDB password, even one holding "@", "/" and "?", and keeps the user and hosts', () => {
    const text = redactSecrets('connecting to kurrentdb://ledger:pa@ss/w?rd==@db1:2113,db2:2113?tls=true failed');
    expect(text).toBe(`connecting to kurrentdb://ledger:${REDACTED}@db1:2113,db2:2113?tls=true failed`);
  });

  it('hides bearer tokens, JWTs and ledger API keys wherever they stand', () => {
    const key = `dl_${'A1b2C3d4'.repeat(5)}xyz`;
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbmFseXN0In0.sig_nature-part';
    const text = redactSecrets(`Authorization: Bearer abc.def-ghi; token=${jwt}; key ${key}`);
    for (const secret of ['abc.def-ghi', jwt, key]) expect(text).not.toContain(secret);
    expect(text).toContain(`Bearer ${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'deal caremag-2025 at revision 11, position 42, https://example.org/x';
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts messages, string fields, secret-named fields and errors in what the logger writes', () => {
    let written = '';
    const logger = createLedgerLogger({
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          written += chunk.toString();
          done();
        },
      }),
    });
    logger.error(
      { err: new Error('refused Bearer s3cr3t-token'), connectionString: 'esdb://plain', nested: { url: 'kurrentdb://u:hunter2@h:2113' } },
      'store failed for kurrentdb://u:hunter2@h:2113',
    );
    const line = JSON.parse(written) as Record<string, any>;
    expect(written).not.toContain('hunter2');
    expect(written).not.toContain('s3cr3t-token');
    expect(written).not.toContain('esdb://plain');
    expect(line).toMatchObject({ level: 'error', msg: `store failed for kurrentdb://u:${REDACTED}@h:2113`, nested: { url: `kurrentdb://u:${REDACTED}@h:2113` } });
    expect(line.err.message).toBe(`refused Bearer ${REDACTED}`);
  });
});
