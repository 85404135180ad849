import { applyDecorators, Get, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

/** A read route: GET `path`, its summary, and the answer class its 200's schema comes from. */
export const ReadRoute = (path: string | undefined, summary: string, answer: Type<unknown>): MethodDecorator =>
  applyDecorators(path === undefined ? Get() : Get(path), ApiOperation({ summary }), ApiOkResponse({ type: answer }));
