import type { PartyRecord } from '#domain';
import type { KeysetPage } from '../keyset-page.js';

/**
 * A party as the directory lists it: enough to find it and name it on a deal by its id. Its
 * `name` is the one in effect last, as `GET /parties/:partyId` answers without `validAt`.
 */
export interface PartyDirectoryEntry extends Pick<PartyRecord, 'partyId' | 'name' | 'kind' | 'country' | 'lei' | 'aliases' | 'registeredAt'> {
  /** Its other names (registered or renamed), in record order. */
  otherNames: string[];
  updatedAt: string;
  revision: number;
  position: number;
}

export interface PartyDirectoryFilter {
  /** Parties one of whose names or aliases contains this text, in any case. */
  name?: string;
  /** Parties with this LEI: more than one means the same legal entity was registered twice. */
  lei?: string;
  /** Exclusive: parties whose id sorts after this one (keyset pagination). */
  after?: string;
  limit: number;
}

export type PartyDirectoryPage = KeysetPage<PartyDirectoryEntry>;
