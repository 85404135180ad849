/**
 * A real RFC 3161 Time-Stamp Authority for tests: certificates made with the `openssl` CLI in a
 * temporary directory, replies made by `openssl ts -reply` (OpenSSL's own TSA code, not ours),
 * and a loopback HTTP front (RFC 3161 §3.4) so the ledger's TSA client can be tested end to end.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why these tests cannot run here (no usable `openssl`), or undefined when they can. */
export const opensslMissing: string | undefined = probeOpenssl();
// Straight to stderr, once per test file: Jest's reporter drops console.log output of a file
// whose tests were all skipped, which would make the skip silent.
if (opensslMissing) process.stderr.write(`RFC 3161 timestamp tests skipped: ${opensslMissing}\n`);

/** `describe`, or `describe.skip` with the reason in its name when openssl is missing. */
export function describeWithOpenssl(name: string, tests: () => void): void {
  if (opensslMissing) describe.skip(`${name} (skipped: ${opensslMissing})`, tests);
  else describe(name, tests);
}

/** The policy OID the test TSA stamps under; 2.999 is the arc X.660 keeps for examples. */
export const TEST_TSA_POLICY = '2.999.3161.1';

export interface TestCa {
  name: string;
  caPem: string;
  caFile: string;
  /** Removes its directory. */
  close(): Promise<void>;
}

export interface OpensslTsaOptions {
  keyType?: 'ec' | 'rsa';
  /** Issue the TSA certificate from an intermediate CA, carried in every token. */
  intermediate?: boolean;
  /** 'never-valid': the certificate's validity ends a day before it starts, so no genTime is inside it. */
  validity?: 'valid' | 'never-valid';
}

export interface OpensslTsa extends TestCa {
  dir: string;
  /** `openssl ts -reply` to a DER TimeStampReq: the DER TimeStampResp. */
  stamp(query: Buffer): Promise<Buffer>;
}

export interface OpensslTsaServer extends OpensslTsa {
  /** POST `application/timestamp-query` here. */
  url: string;
}

/** A root CA, to sign the TSA certificate with, or to be the unrelated CA an untrusted-TSA test needs. */
export async function createTestCa(name = 'Deal Ledger Test Root CA'): Promise<TestCa & { dir: string }> {
  const dir = await newWorkDir();
  await issueRoot(dir, name, 'ec');
  return { name, dir, caFile: join(dir, 'ca.pem'), caPem: await readFile(join(dir, 'ca.pem'), 'utf8'), close: () => removeDir(dir) };
}

/** A second CA with no relation to any TSA here. */
export const createUnrelatedCa = (): Promise<TestCa> => createTestCa('Unrelated Root CA');

/** A TSA signing with its own certificate under a new root CA; `stamp` answers queries directly. */
export async function createOpensslTsa(options: OpensslTsaOptions = {}): Promise<OpensslTsa> {
  const keyType = options.keyType ?? 'ec';
  const dir = await newWorkDir();
  const name = 'Deal Ledger Test Root CA';
  await issueRoot(dir, name, keyType);
  let issuer = 'ca';
  if (options.intermediate) {
    await issue(dir, { name: 'inter', subject: '/O=Deal Ledger tests/CN=Test Intermediate CA', issuer, extensions: 'v3_ca', keyType });
    issuer = 'inter';
  }
  await issue(dir, {
    name: 'tsa',
    subject: '/O=Deal Ledger tests/CN=Test TSA',
    issuer,
    extensions: 'v3_tsa',
    keyType,
    days: options.validity === 'never-valid' ? -1 : 30,
  });
  // A certificate from the same CA without the time-stamping usage, for resignReply; made now so
  // that it is already valid when the tokens it re-signs were stamped.
  await issue(dir, { name: 'plain', subject: '/O=Deal Ledger tests/CN=Not a TSA', issuer, extensions: 'v3_plain', keyType: 'ec' });
  // The token carries the chain up to and including the root, as many TSAs send it.
  const chain = await Promise.all((options.intermediate ? ['inter.pem', 'ca.pem'] : ['ca.pem']).map((file) => readFile(join(dir, file), 'utf8')));
  await writeFile(join(dir, 'chain.pem'), chain.join(''));
  await writeFile(join(dir, 'serial'), '01\n');

  // `openssl ts -reply` rewrites the serial file: one reply at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let count = 0;
  const stamp = (query: Buffer): Promise<Buffer> => {
    const run = queue.then(async () => {
      const n = ++count;
      await writeFile(join(dir, `q${n}.tsq`), query);
      await openssl(dir, ['ts', '-reply', '-config', 'openssl.cnf', '-queryfile', `q${n}.tsq`, '-out', `r${n}.tsr`]);
      return readFile(join(dir, `r${n}.tsr`));
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return { name, dir, caFile: join(dir, 'ca.pem'), caPem: await readFile(join(dir, 'ca.pem'), 'utf8'), stamp, close: () => removeDir(dir) };
}

/** createOpensslTsa behind `http://127.0.0.1:<port>/`, answering `application/timestamp-reply`. */
export async function startOpensslTsa(options: OpensslTsaOptions = {}): Promise<OpensslTsaServer> {
  const tsa = await createOpensslTsa(options);
  const server = createServer((request, response) => void answer(tsa, request, response).catch(() => response.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...tsa,
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tsa.close();
    },
  };
}

/**
 * The reply's TSTInfo signed again with `openssl cms`, then wrapped as a granted reply by
 * `openssl ts -token_in`: tokens an honest TSA never makes, for the checks OpenSSL's TSA
 * cannot be made to fail.
 * - 'non-tsa-certificate': signed by a certificate of the same CA without the time-stamping
 *   usage (with the SigningCertificateV2 attribute, `-cades`, so only the usage is wrong);
 * - 'no-signing-certificate-attribute': signed by the TSA itself, but without that attribute.
 */
export async function resignReply(tsa: OpensslTsa, reply: Buffer, as: 'non-tsa-certificate' | 'no-signing-certificate-attribute'): Promise<Buffer> {
  const { dir } = tsa;
  const id = randomBytes(4).toString('hex');
  await writeFile(join(dir, `${id}.tsr`), reply);
  await openssl(dir, ['ts', '-reply', '-in', `${id}.tsr`, '-token_out', '-out', `${id}.token`]);
  await openssl(dir, ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', `${id}.token`, '-out', `${id}.tstinfo`]);
  const signer = as === 'non-tsa-certificate' ? 'plain' : 'tsa';
  await openssl(dir, [
    'cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-econtent_type', '1.2.840.113549.1.9.16.1.4',
    '-in', `${id}.tstinfo`, '-signer', `${signer}.pem`, '-inkey', `${signer}.key`, '-outform', 'DER', '-out', `${id}.signed`,
    ...(as === 'non-tsa-certificate' ? ['-cades'] : []),
  ]);
  await openssl(dir, ['ts', '-reply', '-token_in', '-in', `${id}.signed`, '-out', `${id}.resigned.tsr`]);
  return readFile(join(dir, `${id}.resigned.tsr`));
}

/** OpenSSL's own reading of a reply (`openssl ts -reply -text`), to hold ours against. */
export async function opensslReplyText(tsa: OpensslTsa, reply: Buffer): Promise<string> {
  const file = `${randomBytes(4).toString('hex')}.text.tsr`;
  await writeFile(join(tsa.dir, file), reply);
  return openssl(tsa.dir, ['ts', '-reply', '-in', file, '-text']);
}

/** One configuration for every command, so the machine's openssl.cnf plays no part. */
const OPENSSL_CNF = `
[req]
distinguished_name = req_dn
prompt = no
x509_extensions = v3_ca
[req_dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_plain]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.pem
signer_key = ./tsa.key
certs = ./chain.pem
signer_digest = sha256
default_policy = ${TEST_TSA_POLICY}
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

async function newWorkDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'openssl-tsa-'));
  await writeFile(join(dir, 'openssl.cnf'), OPENSSL_CNF);
  return dir;
}

async function issueRoot(dir: string, name: string, keyType: 'ec' | 'rsa'): Promise<void> {
  await generateKey(dir, 'ca', keyType);
  await openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', `/O=Deal Ledger tests/CN=${name}`]);
}

interface Issued {
  name: string;
  subject: string;
  issuer: string;
  extensions: 'v3_ca' | 'v3_tsa' | 'v3_plain';
  keyType: 'ec' | 'rsa';
  days?: number;
}

async function issue(dir: string, cert: Issued): Promise<void> {
  await generateKey(dir, cert.name, cert.keyType);
  await openssl(dir, ['req', '-new', '-key', `${cert.name}.key`, '-out', `${cert.name}.csr`, '-subj', cert.subject]);
  await openssl(dir, [
    'x509', '-req', '-in', `${cert.name}.csr`, '-CA', `${cert.issuer}.pem`, '-CAkey', `${cert.issuer}.key`,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', String(cert.days ?? 30),
    '-extfile', 'openssl.cnf', '-extensions', cert.extensions, '-out', `${cert.name}.pem`,
  ]);
}

function generateKey(dir: string, name: string, keyType: 'ec' | 'rsa'): Promise<string> {
  const parameters = keyType === 'ec' ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  return openssl(dir, ['genpkey', ...parameters, '-out', `${name}.key`]);
}

/** Runs `openssl` without a shell in `dir`, with our configuration; rejects with its stderr. */
function openssl(dir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd: dir, env: { ...process.env, OPENSSL_CONF: join(dir, 'openssl.cnf') }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

async function answer(tsa: OpensslTsa, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const send = (status: number, type: string, body: string | Buffer) => response.writeHead(status, { 'Content-Type': type }).end(body);
  if (request.method !== 'POST') return void send(405, 'text/plain', 'POST a timestamp query');
  if (request.headers['content-type'] !== 'application/timestamp-query') return void send(415, 'text/plain', 'application/timestamp-query only');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    send(200, 'application/timestamp-reply', await tsa.stamp(Buffer.concat(chunks)));
  } catch (error) {
    send(500, 'text/plain', (error as Error).message);
  }
}

function probeOpenssl(): string | undefined {
  const probe = spawnSync('openssl', ['ts', '-help'], { encoding: 'utf8' });
  if (probe.error) return `the openssl command cannot be run (${probe.error.message}); install Debian's openssl package`;
  if (probe.status !== 0) return `this openssl has no \`ts\` command (${probe.stderr.trim().split('\n')[0]})`;
  return undefined;
}

const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
