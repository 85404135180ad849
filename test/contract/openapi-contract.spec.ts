import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { contractDocument } from './contract-document.js';

const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await contractDocument();
  });

  it('gives every operation a success answer with its schema (204: none)', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, responses: item[method]!.responses })),
    );
    const without = operations
      .filter(({ responses }) =>
        !Object.entries(responses).some(
          ([status, response]) =>
            status === '204' || (/^2/.test(status) && Object.values((response && 'content' in response && response.content) || {}).some((media) => media.schema)),
        ),
      )
      .map(({ name }) => name);
    expect(without).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(51);
  });

  it('gives every failing answer the one error body', () => {
    const errors = Object.values(document.paths).flatMap((item) =>
      METHODS.flatMap((method) => Object.entries(item[method]?.responses ?? {}).filter(([status]) => /^[45]/.test(status))),
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const [, response] of errors) {
      expect(response && 'content' in response && response.content?.['application/json']?.schema).toBeTruthy();
    }
  });

  it('is the one committed in docs/openapi.json, from which the web page and #client types are generated', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8'));
    expect(document).toEqual(committed); // if not: `npm run contract`
    // The generated types are what the committed document gives (openapi-typescript is ESM: its own process).
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'openapi-types.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
