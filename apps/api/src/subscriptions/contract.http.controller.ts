import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { EVENT_ENVELOPE_SCHEMA, dealEventSchemaDocument, notFound, publishedEventDefinition } from '#domain';
import { asyncApiDocument } from './asyncapi-document.js';
import { documentResponse, ENVELOPE, SchemaIndexAnswer, schemaIndexAnswer } from './contract.answer.js';
import { ReadRoute } from '../http/openapi/read-route.js';

/** The event contract, generated from the definitions the code uses: JSON Schemas and an AsyncAPI document. */
@ApiTags('subscriptions')
@Controller()
export class ContractHttpController {
  @ReadRoute('schemas', 'Every event type and version, with the address of its JSON Schema', SchemaIndexAnswer)
  index(): SchemaIndexAnswer {
    return schemaIndexAnswer();
  }

  @Get('schemas/:name')
  @ApiOperation({ summary: "The JSON Schema (draft-07) of one event type's `data`, or of the envelope" })
  @ApiOkResponse(documentResponse('A JSON Schema (draft-07) document'))
  schema(@Param('name') name: string): object {
    const wanted = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
    if (wanted === ENVELOPE) {
      return { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'urn:deal-ledger:envelope', title: 'EventEnvelope', ...EVENT_ENVELOPE_SCHEMA };
    }
    const definition = publishedEventDefinition(wanted);
    if (!definition) throw notFound('SCHEMA.NOT_FOUND', `No event type ${wanted}: see /schemas`, 'name');
    return dealEventSchemaDocument(definition);
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of the event streams' })
  @ApiOkResponse(documentResponse('An AsyncAPI 3.0 document'))
  asyncApi(@Req() request: Request): object {
    return asyncApiDocument(request.get('host') ?? 'localhost');
  }
}
