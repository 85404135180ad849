import { staleRevision } from '../application.errors.js';
import type { CommandContext } from '../command-context.js';
import type { HandleOptions } from './handle-command.js';

/** The caller's `If-Match`, if any: a stream that moved on since is a 412 naming its revision (`subject`: Deal, Party). */
export function ifMatchOf(id: string, { expectedRevision: revision }: CommandContext, subject = 'Deal'): Pick<HandleOptions, 'expectedRevision'> {
  return revision === undefined ? {} : { expectedRevision: { revision, stale: (actual) => staleRevision(id, revision, actual, subject) } };
}
