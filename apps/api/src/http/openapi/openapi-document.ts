import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorAnswer } from './error.answer.js';
import { EVENT_ENVELOPE_SCHEMAS } from './event-envelope.schema.js';

const ERROR_CONTENT = { 'application/json': { schema: { $ref: `#/components/schemas/${ErrorAnswer.name}` } } };

/**
 * The OpenAPI document of `/docs/openapi.json`, from the controllers' decorators: request
 * schemas from the request classes, answer schemas from the answer classes. `npm run contract`
 * writes it to docs/openapi.json and generates the web page's and #client's types from it.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Deal Ledger')
      .setDescription('An event-sourced, tamper-evident ledger of reported deal facts')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (`ledger keys create`) or a JWT' })
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ErrorAnswer] },
  );
  withErrorBodies(document);
  Object.assign((document.components ??= {}).schemas ??= {}, EVENT_ENVELOPE_SCHEMAS);
  return document;
}

/**
 * Every failing answer has the one error body: routes document their 4xx/5xx with a status
 * and a description only, and the body's schema is added here, once, for all of them.
 */
function withErrorBodies(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.delete, path.patch]) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (/^[45]/.test(status) && response && 'description' in response && response.content === undefined) response.content = ERROR_CONTENT;
      }
    }
  }
}
