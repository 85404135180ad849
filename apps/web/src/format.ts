/**
 * Words and numbers as the page shows them. Amounts come from the API's `display` (already
 * in words with thousands separators and currency); this module only formats times, ids
 * and labels. No DOM here: the test suite checks it under Node.
 */

/**
 * An instant in ISO 8601 order with its zone named: "2026-11-26 10:36:25.543 UTC".
 * Always UTC, whatever the reader's machine is set to, so two people reading the same
 * record see the same time.
 */
/** The `stale` member of an answer read from read models that were behind the log. */
export interface StaleLike {
  behind?: number;
  heldBack?: readonly string[];
  state: string;
}

/** Why a page may not show the latest record, in a compliance officer's words. */
export function staleInWords(stale: StaleLike): string {
  const parts: string[] = [];
  if (stale.heldBack && stale.heldBack.length > 0) {
    parts.push('A later event of this deal could not be shown yet and waits for an administrator, so the deal is shown as it stood before it.');
  }
  if (stale.behind === undefined) parts.push('The ledger could not reach its record just now, so this may not be the latest.');
  else if (stale.behind > 0) {
    const events = stale.behind === 1 ? '1 later event' : `${stale.behind.toLocaleString('en')} later events`;
    parts.push(`${events} on record ${stale.behind === 1 ? 'is' : 'are'} not shown yet${stale.state === 'faulted' ? ' while the ledger recovers from a fault' : ''}.`);
  }
  return `${parts.join(' ')} Reload in a moment to see the latest.`;
}

export function formatInstant(iso: string): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return iso;
  const text = new Date(millis).toISOString(); // 2026-11-26T10:36:25.543Z
  const [date, time] = text.slice(0, -1).split('T');
  return `${date} ${time!.endsWith('.000') ? time!.slice(0, -4) : time} UTC`;
}

/**
 * A date as a source gave it. A date alone stays a date (a source's day has no zone of
 * its own); a date-time is shown like a record time.
 */
export function formatReportedDate(value: string | undefined): string {
  if (value === undefined || value === '') return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatInstant(value);
}

/**
 * A moment typed by a reader, as the ISO 8601 text the API takes, by the ledger's one rule for
 * times: a date alone (the start of that day, UTC), or a date and time with its zone (`Z`, `UTC`
 * or an offset). A date and time without a zone could be any of 26 hours, so it is refused here
 * as the API refuses it. `undefined` when it is not one of those.
 */
export function instantFromInput(text: string): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return asTyped(value, 'Z', value) ? value : undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|UTC|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!match) return undefined;
  const zone = /^(z|utc)$/i.test(match[3]!) ? 'Z' : match[3]!;
  const iso = `${match[1]}T${match[2]}${zone}`;
  return asTyped(iso, zone, `${match[1]}T${match[2]}`) ? iso : undefined;
}

/** What the page says when a typed moment is not one: the same rule the API holds to. */
export const MOMENT_EXPECTED =
  'Enter a date (2025-08-01) or a date and time with its zone (2025-08-01T09:30:00Z for UTC, or +09:00): without one it could be any of 26 hours.';

/**
 * Whether the instant reads back as typed, at its own offset: Date.parse rolls impossible
 * dates and times over (2025-02-30 → 2025-03-02, 24:00 → the next day) where the API
 * refuses them, so the page refuses them too.
 */
function asTyped(iso: string, zone: string, typed: string): boolean {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return false;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = new Date(at + offset * 60_000).toISOString();
  const upToSeconds = typed.slice(0, 19);
  return local.startsWith(upToSeconds) && Number(zone.slice(1, 3) || 0) <= 23 && Number(zone.slice(4, 6) || 0) <= 59;
}

/** "FigureRevised.v2" → "figure revised". */
export function eventTypeInWords(type: string): string {
  const name = type.replace(/\.v\d+$/, '');
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export type ChangeKind = 'initial' | 'revision' | 'disclosure' | 'correction' | 'retraction' | 'stage';

export const CHANGE_WORDS: Record<ChangeKind, string> = {
  initial: 'first reported',
  revision: 'revision (the world changed)',
  disclosure: 'disclosure (was undisclosed)',
  correction: 'correction (the record was wrong)',
  retraction: 'retraction (report withdrawn)',
  stage: 'new stage (signed, operating…)',
};

export function changeInWords(change: string): string {
  return CHANGE_WORDS[change as ChangeKind] ?? change;
}

export interface SourceLike {
  publisher: string;
  title?: string;
  url?: string;
  publishedAt?: string;
  attribution?: string;
  tier: string;
  citedBy?: string;
}

/** "Reuters, citing a JOGMEC official — primary source, published 2025-03-17". */
export function sourceInWords(source: SourceLike): string {
  const who = source.attribution ? `${source.publisher} (${source.attribution})` : source.publisher;
  const parts = [
    source.title ? `${who}: ${source.title}` : who,
    source.citedBy ? `cited by ${source.citedBy}` : undefined,
    `${source.tier} source`,
    source.publishedAt ? `published ${formatReportedDate(source.publishedAt)}` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(' · ');
}

/** Thousands separators on the whole part of a decimal string; the fraction stays as given. */
export function groupDecimal(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  return `${match[1]}${match[2]!.replace(/\B(?=(\d{3})+$)/g, ',')}${match[3] ?? ''}`;
}

interface ConversionLike {
  currency: string;
  amount: string;
  rate: { base: string; quote: string; value: string };
  convertedBy?: string;
}

const FIELD_WORDS: Record<string, string> = {
  conversions: 'converted amounts',
  reportedAt: 'reported on',
  effectiveAt: 'in effect from',
  min: 'minimum',
  max: 'maximum',
  text: 'words',
};

/** The name of a figure's field for a reader: "reportedAt" → "reported on". */
export function fieldName(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

/** A field of a figure as it changed between two moments, in words. */
export function fieldValueInWords(field: string, value: unknown): string {
  if (value === undefined || value === null) return '— (none)';
  switch (field) {
    case 'amount':
    case 'min':
    case 'max':
      return typeof value === 'string' ? groupDecimal(value) : String(value);
    case 'qualifier':
      return String(value).replace(/_/g, ' ');
    case 'reportedAt':
    case 'effectiveAt':
      return formatReportedDate(String(value));
    case 'source':
      return typeof value === 'object' && 'publisher' in (value as object) ? sourceInWords(value as SourceLike) : JSON.stringify(value);
    case 'conversions':
      return Array.isArray(value)
        ? value.map((c: ConversionLike) =>
          `${c.currency} ${groupDecimal(c.amount)} at ${c.rate.base} 1 = ${c.rate.quote} ${c.rate.value}${c.convertedBy ? `, converted by ${c.convertedBy}` : ''}`).join('; ') || '— (none)'
        : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
