import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';
import type { LedgerLogger } from './observability/ledger-logger.js';
import { NestPinoLogger } from './observability/nest-logger.js';
import { requestLog } from './observability/request-log.js';
import { startHttpSpan } from './observability/http-tracing.js';
import { rejectForbiddenKeys } from './http/forbidden-keys.js';
import { openApiDocument } from './http/openapi/openapi-document.js';
import { createValidationPipe } from './http/validation-pipe.js';
import { serveWebPage } from './web/web-page.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpAppOptions extends AppModuleOptions {
  /** The built web page (dist/web), served at `/`; without it the API serves no page. */
  webRoot?: string;
  /**
   * The JSON logger (observability/ledger-logger.ts): a line per request, and Nest's own
   * messages. Without it (tests) no request is logged, and Nest logs as `logger` says.
   */
  log?: LedgerLogger;
}

/** Builds the HTTP application (not listening yet): tests and `ledger serve` share it. */
export async function createHttpApp(
  options: HttpAppOptions,
  logger: false | ('error' | 'warn' | 'log')[] = ['error', 'warn', 'log'],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger: options.log ? new NestPinoLogger(options.log) : logger,
  });
  // First, so every answer carries its request id and is logged, whatever later refuses it.
  if (options.log) app.use(requestLog(options.log));
  // A server span per request when tracing is on (after the log, which gives the request its id).
  app.use(startHttpSpan);
  app.use(app.get(LedgerMetrics).commandOutcomes);
  // Security headers on every answer; the web page sets its own, stricter, policy. No
  // upgrade to https: the ledger serves plain HTTP on 127.0.0.1 unless a proxy fronts it.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.useBodyParser('json', { limit: MAX_BODY_BYTES, strict: true });
  app.use(rejectForbiddenKeys);
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  // Names of people are tokens in the log and the read models; every JSON answer reads them
  // back here, so an erased name is gone from every answer at once.
  app.set('json replacer', options.runtime.personalData.resolver.jsonReplacer);
  // No Nest signal hooks: `ledger serve` shuts down on SIGTERM itself, draining requests
  // first (observability/graceful-shutdown.ts); Nest's hook would re-raise the signal and
  // end the process with 143 instead of 0.
  if (options.webRoot !== undefined) serveWebPage(app, options.webRoot);

  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
