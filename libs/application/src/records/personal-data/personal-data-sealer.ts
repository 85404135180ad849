import { randomBytes } from 'node:crypto';
import { invalid } from '#domain';
import { commitmentOfToken, personalDataCommitment, personalDataToken } from '#verifier';
import { mapTexts } from './personal-texts.js';
import type { PersonalDataVault } from './personal-data-vault.js';

/**
 * How a command's names reach the log as tokens. Before the decision, names the vault already
 * holds become their tokens, so that the command compares equal to the state folded from the
 * log (a report restated from the same source is still the same report); the decided events
 * then have every name left kept as a new vault entry, before they are appended or folded.
 * Both run at every attempt, so a retry after a conflict decides on what the vault holds then.
 */
export interface NameSealing {
  beforeDecision<T>(command: T): T;
  afterDecision<T>(events: T, streamId: string): T;
}

/** No vault: names are written as given (paths that keep no names: tests of the command path). */
export const NO_SEALING: NameSealing = { beforeDecision: (command) => command, afterDecision: (events) => events };

/** The sealing a command path uses: the vault's, read-only for a dry run (which keeps nothing). */
export function nameSealingOf(sealer: PersonalDataSealer | undefined, { dryRun }: { dryRun: boolean }): NameSealing {
  if (!sealer) return NO_SEALING;
  return dryRun ? sealer.readOnly() : sealer;
}

export class PersonalDataSealer implements NameSealing {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly clock: () => Date,
  ) {}

  /**
   * Refuses a text shaped like a token in any field (it would read as someone's name, and
   * bundles would disclose it); writes nothing.
   */
  beforeDecision<T>(command: T): T {
    return mapTexts(command, (text, { path, personal }) => {
      if (commitmentOfToken(text) !== undefined) {
        throw invalid('PERSONAL_DATA.RESERVED_TEXT', `${path} has the form the ledger keeps for names it holds apart; write the text itself`, path);
      }
      if (!personal) return text;
      const entry = this.vault.liveEntryOf(text);
      return entry ? personalDataToken(entry.commitment) : text;
    });
  }

  afterDecision<T>(events: T, streamId: string): T {
    return mapTexts(events, (text, { personal }) => {
      if (!personal) return text;
      const commitment = commitmentOfToken(text) ?? this.keep(text);
      this.vault.noteUse(commitment, streamId);
      return personalDataToken(commitment);
    });
  }

  /** What a dry run may do: compare as a real command would, keep nothing. */
  readOnly(): NameSealing {
    return { beforeDecision: (command) => this.beforeDecision(command), afterDecision: (events) => events };
  }

  private keep(text: string): string {
    const existing = this.vault.liveEntryOf(text);
    if (existing) return existing.commitment;
    const salt = randomBytes(32).toString('hex');
    this.vault.add({ commitment: personalDataCommitment(salt, text), text, salt, sealedAt: this.clock().toISOString() });
    // Another process may have kept the same name in between: the vault keeps one, use it.
    const kept = this.vault.liveEntryOf(text);
    if (!kept) throw new Error('The personal-data vault did not keep a name it was given');
    return kept.commitment;
  }
}
