import { Certificate } from 'pkijs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/**
 * Every certificate in some PEM texts (a text may hold a bundle). A text without one is a
 * configuration mistake, not a failed check, so it throws.
 */
export function certificatesFromPem(pems: readonly string[]): Certificate[] {
  return pems.flatMap((pem, index) => {
    const blocks = [...pem.matchAll(PEM_CERTIFICATE)].map((match) => Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
    if (blocks.length === 0) throw new TypeError(`Trust anchor ${index + 1} holds no PEM certificate`);
    return blocks.map((der) => {
      try {
        return Certificate.fromBER(der);
      } catch (error) {
        throw new TypeError(`Trust anchor ${index + 1} is not a readable X.509 certificate: ${(error as Error).message}`);
      }
    });
  });
}
