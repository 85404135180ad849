/** An erasure as the vault keeps it: when, why, and the admin event that recorded it. */
export interface PersonalDataErasure {
  erasedAt: string;
  reason: string;
  /** The `PersonalDataErased.v1` event's id. */
  erasureId: string;
}

/**
 * One name the ledger holds apart from its events: the commitment events carry (which is also
 * the subject's id), the name and its salt until erased, and the streams whose events name it.
 */
export interface VaultEntry {
  commitment: string;
  name?: { text: string; salt: string };
  sealedAt: string;
  streams: string[];
  erasure?: PersonalDataErasure;
}

/**
 * Where names of people live, apart from the log: the one place an erasure destroys. It is
 * synchronous (SQLite through better-sqlite3, or memory) because names are sealed inside a
 * command's encoding, between the decision and the append.
 */
export interface PersonalDataVault {
  /** The entry holding `text`, unless erased: the same name is sealed to the same token while it lives. */
  liveEntryOf(text: string): VaultEntry | undefined;
  /** Keeps a new name; `commitment` must be the one its salt and text give. A name already live stays as it was. */
  add(entry: { commitment: string; text: string; salt: string; sealedAt: string }): void;
  /** Notes that an event of `streamId` names the entry (once per pair). */
  noteUse(commitment: string, streamId: string): void;
  entries(commitments: Iterable<string>): Map<string, VaultEntry>;
  /** Every entry not erased, in the order kept. */
  live(): VaultEntry[];
  /** Destroys the name and its salt; true when it was there to destroy. Erasing twice changes nothing. */
  erase(commitment: string, erasure: PersonalDataErasure): boolean;
  close(): void;
}

/**
 * The live entries whose name contains `text` in any case, in any script (SQLite's own
 * `lower()` folds ASCII only, and "élodie" must find "Élodie").
 */
export function searchNames(vault: PersonalDataVault, text: string): VaultEntry[] {
  const wanted = text.toLocaleLowerCase('und');
  return vault.live().filter((entry) => entry.name!.text.toLocaleLowerCase('und').includes(wanted));
}

export class InMemoryPersonalDataVault implements PersonalDataVault {
  private readonly byCommitment = new Map<string, VaultEntry>();

  liveEntryOf(text: string): VaultEntry | undefined {
    for (const entry of this.byCommitment.values()) if (entry.name?.text === text) return copy(entry);
    return undefined;
  }

  add({ commitment, text, salt, sealedAt }: { commitment: string; text: string; salt: string; sealedAt: string }): void {
    if (this.byCommitment.has(commitment) || this.liveEntryOf(text)) return;
    this.byCommitment.set(commitment, { commitment, name: { text, salt }, sealedAt, streams: [] });
  }

  noteUse(commitment: string, streamId: string): void {
    const entry = this.byCommitment.get(commitment);
    if (entry && !entry.streams.includes(streamId)) entry.streams.push(streamId);
  }

  entries(commitments: Iterable<string>): Map<string, VaultEntry> {
    const found = new Map<string, VaultEntry>();
    for (const commitment of commitments) {
      const entry = this.byCommitment.get(commitment);
      if (entry) found.set(commitment, copy(entry));
    }
    return found;
  }

  live(): VaultEntry[] {
    return [...this.byCommitment.values()].filter((e) => e.name).map(copy);
  }

  erase(commitment: string, erasure: PersonalDataErasure): boolean {
    const entry = this.byCommitment.get(commitment);
    if (!entry || entry.erasure) return false;
    delete entry.name;
    entry.erasure = { ...erasure };
    return true;
  }

  close(): void {}
}

function copy(entry: VaultEntry): VaultEntry {
  return {
    ...entry,
    ...(entry.name && { name: { ...entry.name } }),
    streams: [...entry.streams].sort(),
    ...(entry.erasure && { erasure: { ...entry.erasure } }),
  };
}
