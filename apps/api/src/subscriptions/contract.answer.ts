import { ApiProperty, ApiPropertyOptional, type ApiResponseNoStatusOptions } from '@nestjs/swagger';
import { PUBLISHED_EVENT_DEFINITIONS, type DealEventDefinition } from '#domain';

/** Where the envelope's schema is served (`/schemas/envelope`). */
export const ENVELOPE = 'envelope';

export class EventTypeAnswer {
  @ApiProperty({ example: 'OfftakeSigned.v3' }) type!: string;
  @ApiProperty({ example: 'OfftakeSigned' }) name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['current', 'superseded'] }) status!: DealEventDefinition['status'];
  @ApiPropertyOptional({ description: 'The version a superseded one is read as, through its upcaster' }) supersededBy?: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ example: '/schemas/OfftakeSigned.v3', description: 'The address of its JSON Schema' }) schema!: string;
}

export class SchemaIndexAnswer {
  @ApiProperty({ example: `/schemas/${ENVELOPE}` }) envelope!: string;
  @ApiProperty({ type: [EventTypeAnswer] }) events!: EventTypeAnswer[];
}

/** A document in another standard (a JSON Schema, an AsyncAPI document): its own specification describes it. */
export const documentResponse = (description: string): ApiResponseNoStatusOptions => ({
  description,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
});

export function schemaIndexAnswer(): SchemaIndexAnswer {
  return {
    envelope: `/schemas/${ENVELOPE}`,
    events: PUBLISHED_EVENT_DEFINITIONS.map(({ type, name, version, status, supersededBy, summary }) => ({
      type,
      name,
      version,
      status,
      ...(supersededBy ? { supersededBy } : {}),
      summary,
      schema: `/schemas/${type}`,
    })),
  };
}
