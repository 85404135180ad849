import { fileURLToPath } from 'node:url';
import type { ReadModelAhead } from '#application';
import {
  ApiKeyRegistry,
  JwtVerifier,
  loadConfig,
  openLedgerRuntime,
  parseApiKeysSetting,
  startCheckpointSchedule,
  startTracing,
  tracingSettingsOf,
  type LedgerConfig,
} from '#runtime';
// The one import of the HTTP app: `ledger serve` builds the runtime and hands it in.
import { createHttpApp, createLedgerLogger, drainHttpApp, type LedgerLogger } from '../../api/src/index.js';
import { importFile } from './import/import-file.js';
import { setUpLocalKeys } from './local-admin-key.js';
import { describeOperation } from './projections/describe-operation.js';
import { checkReadModelsAheadAtStart } from './tamper-evidence/read-models-ahead-at-start.js';

/** The reference deal (Caremag, 2025-03-17, facts 1–14), loaded into an empty store. */
export const REFERENCE_DEAL_FILE = fileURLToPath(new URL('../../../../seed/caremag-2025.jsonl', import.meta.url));
/** The web page `npm run build` puts in dist/web, served at `/`. */
const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

export interface RunningLedger {
  url: string;
  /** The start-up check of the read models against the log (findings are logged too). */
  readModelsAhead: Promise<ReadModelAhead[]>;
  /** The JSON logger everything the server says goes to. */
  logger: LedgerLogger;
  /**
   * A graceful shutdown (SIGTERM): readiness turns 503, no new connection is taken, event
   * streams end with a reconnect hint, requests under way finish (within
   * LEDGER_SHUTDOWN_GRACE_S), then the schedules stop and the stores close.
   */
  close(): Promise<void>;
}

/**
 * Opens the store and read models, seeds an empty store, and serves HTTP. Everything it says
 * is a JSON line (observability/ledger-logger.ts) on standard output, at LEDGER_LOG_LEVEL.
 */
export async function serve(config: LedgerConfig = loadConfig(), logger: LedgerLogger = createLedgerLogger({ level: config.operations.logLevel })): Promise<RunningLedger> {
  const log = (line: string) => logger.info(line);
  const warn = (line: string) => logger.warn(line);
  // Before anything is built: OpenTelemetry's variables (OTEL_*), read as its SDKs read them.
  const tracingSettings = tracingSettingsOf(process.env);
  const tracing = tracingSettings && startTracing(tracingSettings);
  const runtime = await openLedgerRuntime(config, {
    onProjectionError: (error) => logger.error({ err: error }, `projection faulted: ${error instanceof Error ? error.message : String(error)}`),
    onProjectionOperation: (operation) => log(describeOperation(operation)),
    onTreeProblem: (problem) => logger.error({ problem }, `LOG TREE HALTED, NO CHECKPOINT WILL BE SIGNED: ${problem.code}: ${problem.message}`),
    onTreeFailure: (error) => warn(`Log tree: following the log failed, trying again on its own: ${error instanceof Error ? error.message : String(error)}`),
    report: logger,
  });

  if (config.seedReferenceDeal && (await runtime.store.headPosition()) === 0) {
    const summary = await importFile(runtime.store, REFERENCE_DEAL_FILE, {
      actor: 'seed:reference-deal',
      effectiveWindow: config.effectiveWindow,
      clock: runtime.clock,
      personalData: runtime.personalData.sealer,
    });
    await runtime.runner.catchUp();
    log(`Loaded the reference deal (caremag-2025): ${summary.events} events from ${summary.recorded} facts`);
  }

  const staticKeys = parseApiKeysSetting(config.apiKeys);
  // A ledger with keys from the environment (services, tests) gets no local key.
  const localKeys = config.store === 'memory' || staticKeys.length > 0 ? undefined : await setUpLocalKeys(runtime.store, runtime.keyEvents, config.dataDir);
  const apiKeys = new ApiKeyRegistry(staticKeys, runtime.keyEvents.trust, (refused) =>
    logger.warn(
      { component: 'api-keys', eventId: refused.eventId, type: refused.type, revision: refused.revision },
      `API keys: REFUSED key event ${refused.eventId} (${refused.type}, revision ${refused.revision} of access-keys): ${refused.why}; it grants nothing`,
    ),
  );
  await apiKeys.follow(runtime.store, (error) =>
    logger.warn({ component: 'api-keys', err: error }, `API keys: following the access-keys stream failed, trying again on its own: ${String(error)}`),
  );

  const app = await createHttpApp(
    {
      runtime,
      apiKeys,
      ...(config.jwt ? { jwt: new JwtVerifier(config.jwt) } : {}),
      rateLimit: config.rateLimit,
      application: { effectiveWindow: config.effectiveWindow },
      subscriptions: { maxStreamsPerIdentity: config.maxStreamsPerIdentity },
      webRoot: WEB_ROOT,
      log: logger,
      operations: config.operations,
    },
    ['error', 'warn'],
  );
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  if (localKeys?.createdKeyFile) log(`Created an admin API key for local-admin: ${localKeys.createdKeyFile}`);
  if (localKeys?.migrated) log(`Carried ${localKeys.migrated} keys over from api-keys.json into the ledger, with the admin role`);
  if (apiKeys.size === 0 && !config.jwt) {
    log('No credential can be accepted: every route but /health will answer 401 (set LEDGER_API_KEYS=name:role:key or LEDGER_JWT_*)');
  }
  log(`Credentials: ${apiKeys.size} API keys${config.jwt ? `, JWTs from ${config.jwt.issuer} (${config.jwt.algorithm})` : ''}; manage keys with \`ledger keys\``);
  log(`Web page: ${url}/`);
  log(`API docs: ${url}/docs`);
  const { signing, transparency, tamperEvidence } = runtime;
  if (signing.keyCreated) {
    // On KurrentDB only the first start of a new ledger gets here (signing-key-creation.ts).
    const share = config.store === 'kurrentdb' ? '; give this same file to every other replica and `ledger` command of this ledger (LEDGER_SIGNING_KEY_FILE)' : '';
    log(`Created the checkpoint signing key ${tamperEvidence.signingKeyFile} (mode 0600: keep it secret)${share}`);
  }
  log(`Ledger key (give it to auditors and witnesses by another channel): ${signing.signer.vkey}`);
  const now = () => new Date();
  const checkpoints = startCheckpointSchedule(transparency.log, signing, tamperEvidence, now, log);
  if (checkpoints) runtime.selfHealing.push(checkpoints);
  log(
    checkpoints && tamperEvidence.checkpoints !== 'off'
      ? `Checkpoints: signed every ${tamperEvidence.checkpoints.everyEvents.toLocaleString('en')} events or ${tamperEvidence.checkpoints.everySeconds} s${tamperEvidence.tsa ? `, timestamped by ${new URL(tamperEvidence.tsa.url).host}` : ''}`
      : 'Checkpoints: not signed on their own (LEDGER_CHECKPOINTS=off): run `ledger checkpoint`',
  );
  log(
    tracingSettings
      ? `Traces: sent over OTLP/HTTP as ${tracingSettings.serviceName} to ${collectorHost()}`
      : 'Traces: off (set OTEL_EXPORTER_OTLP_ENDPOINT to send them)',
  );
  // Printed last: scripts and tests wait for this line.
  log(`Deal Ledger on ${url} (store: ${config.store}${config.store === 'sqlite' ? `, ${config.dataDir}` : ''})`);
  // In the background, after the line above: it logs only what it finds.
  const aheadCheck = checkReadModelsAheadAtStart(runtime, warn);

  return {
    url,
    readModelsAhead: aheadCheck.done,
    logger,
    async close() {
      try {
        await drainHttpApp(app, config.operations.shutdownGraceSeconds * 1000, logger);
        await aheadCheck.stop();
        await checkpoints?.stop();
        apiKeys.close();
        await app.close();
        await runtime.close();
      } finally {
        // Last, whatever failed before: the spans of the requests just drained are sent before the process ends.
        await tracing?.shutdown().catch((error: unknown) => warn(`Traces: the last spans could not be sent: ${String(error)}`));
      }
      logger.info('Stopped: every request under way was answered and the stores are closed');
    },
  };
}

/** The collector's host only: an endpoint URL may carry credentials. */
function collectorHost(): string {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || 'http://localhost:4318';
  try {
    return new URL(endpoint).host;
  } catch {
    return 'an endpoint that is not a URL';
  }
}
