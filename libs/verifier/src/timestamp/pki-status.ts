import { PKIStatus, type PKIStatusInfo } from 'pkijs';

/** PKIFailureInfo bits a TSA may set (RFC 3161 §2.4.2); bit 0 is the first bit of the string. */
const FAILURE_BITS: Readonly<Record<number, string>> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** Whether a token comes with this status: only granted and grantedWithMods carry one (RFC 3161 §2.4.2). */
export const isGranted = (info: PKIStatusInfo): boolean => info.status === PKIStatus.granted || info.status === PKIStatus.grantedWithMods;

/** A refusal in words: `rejection (unacceptedPolicy): Requested policy is not supported.` */
export function describeStatus(info: PKIStatusInfo): string {
  const failures = failureNames(info);
  const texts = (info.statusStrings ?? []).map((text) => text.valueBlock.value);
  return `${PKIStatus[info.status] ?? `status ${info.status}`}${failures.length ? ` (${failures.join(', ')})` : ''}${texts.length ? `: ${texts.join('; ')}` : ''}`;
}

function failureNames(info: PKIStatusInfo): string[] {
  const bits = info.failInfo?.valueBlock.valueHexView ?? new Uint8Array();
  return Object.entries(FAILURE_BITS)
    .filter(([bit]) => ((bits[Math.floor(Number(bit) / 8)] ?? 0) & (0x80 >> Number(bit) % 8)) !== 0)
    .map(([, name]) => name);
}
