import { randomBytes } from 'node:crypto';
import { invalid } from '#domain';
import { commitmentOfToken, personalDataCommitment, personalDataToken } from '#verifier';
import { mapPersonalTexts } from './personal-texts.js';
import type { PersonalDataVault } from './personal-data-vault.js';

/**
 * How a command's names reach the log as tokens. Before the decision, names the vault already
 * holds become their tokens, so that the command compares equal to the state folded from the
 * log (a report restated from the same source is still the same report); after it, every
 * name left becomes a new vault entry, just before the append.
 */
export interface NameSealing {
  beforeDecision<T>(command: T): T;
  beforeAppend<T>(events: T, streamId: string): T;
}

/** No vault: names are written as given (tests of the command path, stores without one). */
export const NO_SEALING: NameSealing = { beforeDecision: (command) => command, beforeAppend: (events) => events };

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

  /** Refuses a text shaped like a token (it would read as someone else's name); writes nothing. */
  beforeDecision<T>(command: T): T {
    return mapPersonalTexts(command, (text, path) => {
      if (commitmentOfToken(text) !== undefined) {
        throw invalid('PERSONAL_DATA.RESERVED_TEXT', `${path} has the form the ledger keeps for names it holds apart; write the name itself`, path);
      }
      const entry = this.vault.liveEntryOf(text);
      return entry ? personalDataToken(entry.commitment) : text;
    });
  }

  beforeAppend<T>(events: T, streamId: string): T {
    return mapPersonalTexts(events, (text) => {
      const commitment = commitmentOfToken(text) ?? this.keep(text);
      this.vault.noteUse(commitment, streamId);
      return personalDataToken(commitment);
    });
  }

  /** What a dry run may do: compare as a real command would, keep nothing. */
  readOnly(): NameSealing {
    return { beforeDecision: (command) => this.beforeDecision(command), beforeAppend: (events) => events };
  }

  private keep(text: string): string {
    // Another command may have kept the same name since the decision.
    const existing = this.vault.liveEntryOf(text);
    if (existing) return existing.commitment;
    const salt = randomBytes(32).toString('hex');
    const commitment = personalDataCommitment(salt, text);
    this.vault.add({ commitment, text, salt, sealedAt: this.clock().toISOString() });
    return commitment;
  }
}
