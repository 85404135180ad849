/** How much `ledger serve` says about itself, and when it calls itself ready: the operator's settings. */
export interface OperationsSettings {
  /** LEDGER_LOG_LEVEL: the least severe JSON log line written (default `info`; `silent` writes none). */
  logLevel: LogLevel;
  /**
   * LEDGER_READY_MAX_LAG: events the read models may be behind the log while `/health/ready`
   * still answers `ready` (default 1,000: about a second of catching up on SQLite). A replica
   * further behind would answer reads that miss recent writes, so it leaves the rotation.
   */
  readyMaxLagEvents: number;
  /**
   * LEDGER_SHUTDOWN_GRACE_S: on SIGTERM, how long in-flight requests may take to finish
   * before the process closes its stores anyway (default 10 s, within Kubernetes' 30 s).
   */
  shutdownGraceSeconds: number;
  /**
   * LEDGER_VERIFY_EVERY_S: `ledger serve` verifies the whole ledger (as GET /audit/verify)
   * this often, the first time one interval after it starts; 'off' never. Default one day:
   * a run reads and hashes the whole log (seconds per million events, yielding to requests),
   * so daily costs little and still finds an edit made behind the store's back within a day.
   */
  verifyEverySeconds: number | 'off';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_OPERATIONS: OperationsSettings = { logLevel: 'info', readyMaxLagEvents: 1_000, shutdownGraceSeconds: 10, verifyEverySeconds: 86_400 };

export function operationsSettingsOf(env: NodeJS.ProcessEnv): OperationsSettings {
  const level = (env.LEDGER_LOG_LEVEL ?? DEFAULT_OPERATIONS.logLevel).trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`LEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${env.LEDGER_LOG_LEVEL}`);
  return {
    logLevel: level as LogLevel,
    readyMaxLagEvents: wholeNumber(env.LEDGER_READY_MAX_LAG, 'LEDGER_READY_MAX_LAG', DEFAULT_OPERATIONS.readyMaxLagEvents, 0),
    shutdownGraceSeconds: wholeNumber(env.LEDGER_SHUTDOWN_GRACE_S, 'LEDGER_SHUTDOWN_GRACE_S', DEFAULT_OPERATIONS.shutdownGraceSeconds, 0),
    verifyEverySeconds:
      env.LEDGER_VERIFY_EVERY_S?.trim().toLowerCase() === 'off'
        ? 'off'
        : wholeNumber(env.LEDGER_VERIFY_EVERY_S, 'LEDGER_VERIFY_EVERY_S (or off)', DEFAULT_OPERATIONS.verifyEverySeconds as number, 1),
  };
}

function wholeNumber(setting: string | undefined, name: string, fallback: number, min: number): number {
  if (setting === undefined) return fallback;
  const value = Number(setting);
  if (setting.trim() === '' || !Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number from ${min} up, not ${setting}`);
  return value;
}
