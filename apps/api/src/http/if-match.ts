import { ApplicationError } from '#application';

/**
 * `If-Match: "7"` → 7. The ETag of a deal is its stream revision in quotes; weak tags
 * (`W/"7"`) and lists are refused because a write needs one exact revision.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header) ?? /^\s*(\d{1,15})\s*$/.exec(header);
  if (!match) {
    throw new ApplicationError(
      'REQUEST.INVALID_IF_MATCH',
      'If-Match must be one strong ETag such as "7" (the deal revision from GET /deals/:dealId)',
      'invalid',
      { header },
    );
  }
  return Number(match[1]);
}

export const etagOf = (revision: number): string => `"${revision}"`;
