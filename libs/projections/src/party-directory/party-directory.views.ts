import type { PartyKind } from '#domain';

/** A party as the directory lists it: enough to find it and name it on a deal by its id. */
export interface PartyDirectoryEntry {
  partyId: string;
  /** The name in effect last, as `GET /parties/:partyId` answers without `validAt`. */
  name: string;
  kind: PartyKind;
  country?: string;
  lei?: string;
  aliases: string[];
  /** Its other names (registered or renamed), in record order. */
  otherNames: string[];
  registeredAt: string;
  updatedAt: string;
  revision: number;
  position: number;
}

export interface PartyDirectoryFilter {
  /** Parties one of whose names or aliases contains this text (case-insensitive for ASCII letters). */
  name?: string;
  /** Parties with this LEI: more than one means the same legal entity was registered twice. */
  lei?: string;
  /** Exclusive: parties whose id sorts after this one (keyset pagination). */
  after?: string;
  limit: number;
}

export interface PartyDirectoryPage {
  items: PartyDirectoryEntry[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}
