import type { NextFunction, Request, Response } from 'express';
import { describeError, RequestValidationError } from '#contract';

/** Keys that can reach an object's prototype once merged or transformed. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any request of ours: refusing it bounds the walk below. */
const MAX_DEPTH = 32;

/**
 * Refuses a JSON body or query holding a prototype-pollution key, anywhere in it, before
 * any code merges, transforms or validates it: 400 `REQUEST.FORBIDDEN_KEY` with the
 * path of the key. `JSON.parse` itself makes such keys plain own properties; the danger
 * is in what later copies them, so nothing later gets to.
 */
export function rejectForbiddenKeys(request: Request, response: Response, next: NextFunction): void {
  const found = problemIn(request.body, 'body', 0) ?? problemIn(request.query, 'query', 0);
  if (found === undefined) return next();
  const message = found.code === 'REQUEST.TOO_DEEP' ? `nested deeper than ${MAX_DEPTH} levels` : 'a reserved key name';
  const body = describeError(new RequestValidationError([{ field: found.field, message: `${found.field}: ${message}; nothing was recorded` }], found.code));
  response.status(body.statusCode).json(body);
}

interface Problem {
  code: 'REQUEST.FORBIDDEN_KEY' | 'REQUEST.TOO_DEEP';
  field: string;
}

function problemIn(value: unknown, path: string, depth: number): Problem | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_DEPTH) return { code: 'REQUEST.TOO_DEEP', field: path };
  for (const key of Object.keys(value)) {
    const child = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) return { code: 'REQUEST.FORBIDDEN_KEY', field: child };
    const found = problemIn((value as Record<string, unknown>)[key], child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
