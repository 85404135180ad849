import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { DealEventsPage } from '#application';
import { DEAL_EVENT_ENVELOPE_SCHEMA } from '#domain';
import type { EventMetadata } from '#event-store';
import { CURSOR_PROPERTY, withCursor } from '#contract';

// The metadata's schema is the envelope's (libs/domain): written once; the dry run's answer shows it too.
// Its `required` lists the object's members; `selfRequired` says the member itself is required.
export const METADATA = { ...(DEAL_EVENT_ENVELOPE_SCHEMA.properties as Record<string, object>).metadata, selfRequired: true } as ApiPropertyOptions;

/** An event of a deal's stream as stored: the raw evidence, in its stored type and shape. */
export class StoredEventAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty(CURSOR_PROPERTY) position!: string;
  @ApiProperty({ example: 'InvestmentAnnounced.v2' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload, as stored: see /schemas' })
  data!: Record<string, unknown>;
  @ApiProperty(METADATA) metadata!: EventMetadata;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: "SHA-256 (hex) chaining the event to its stream's previous one" }) hash!: string;
}

export class EventPageAnswer {
  @ApiProperty({ type: [StoredEventAnswer] }) events!: StoredEventAnswer[];
  @ApiPropertyOptional({ description: 'Pass as `fromRevision` for the next page; absent on the last page' }) nextRevision?: number;
}

export const eventPageAnswer = (page: DealEventsPage): EventPageAnswer => ({ ...page, events: page.events.map(withCursor) });
