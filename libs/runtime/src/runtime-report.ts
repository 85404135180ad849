/**
 * Where the runtime reports what goes wrong on its own, away from any request: `ledger serve`
 * hands in its JSON logger (a pino logger fits as it is), so each report is one structured
 * line with its fields; a command with no logger writes the message to standard error.
 */
export interface RuntimeReport {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Without a logger: the message alone, as the CLI's other lines. */
export const consoleReport: RuntimeReport = {
  warn: (_fields, message) => console.warn(message),
  error: (_fields, message) => console.error(message),
};
