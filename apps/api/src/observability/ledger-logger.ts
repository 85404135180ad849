import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '#runtime';
import { redactFields, redactSecrets } from './redact-secrets.js';
import { activeTraceFields, mergeTraceFields } from './trace-fields.js';

export type { Logger as LedgerLogger } from 'pino';

export interface LedgerLoggerOptions {
  /** LEDGER_LOG_LEVEL (default `info`). */
  level?: LogLevel;
  /** Where the JSON lines go (default: standard output). Tests hand in a stream they read. */
  destination?: DestinationStream;
}

/**
 * The ledger's one JSON logger: a line per event, `level` as a word, `time` in ISO 8601,
 * every credential redacted from messages and fields before the line is written (a bearer
 * token in an error message, a KurrentDB password in a connection string), and the active
 * span's `traceId`/`spanId` when tracing is on.
 */
export function createLedgerLogger(options: LedgerLoggerOptions = {}): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: 'deal-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => redactFields(fields) as Record<string, unknown>,
    },
    // Written inside a traced request, command or batch, a line carries its traceId and spanId.
    mixin: activeTraceFields,
    mixinMergeStrategy: mergeTraceFields,
    // Headers never reach a line (the request log writes none), but a caller's own field might.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'headers.authorization'], censor: '[REDACTED]' },
    hooks: {
      // The message is not a field: redact it here (`logger.info('text')`, `logger.warn({...}, 'text')`).
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
  // pino's own default destination writes synchronously: the last lines before an exit are not lost.
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
