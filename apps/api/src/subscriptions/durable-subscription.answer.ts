import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DurableSubscriptionView, NackOutcome, ParkedEventRecord } from '#application';
import type { LedgerEventEnvelope } from '#domain';
import { CURSOR_PROPERTY as CURSOR, toCursor } from '#contract';
import { EVENT_ENVELOPE_REF } from '../http/openapi/event-envelope.schema.js';
import { SubscriptionFilterRequest } from './durable-subscription.request.js';
import { toEventEnvelope } from './event-envelope.js';

export class DurableSubscriptionAnswer {
  @ApiProperty() name!: string;
  @ApiProperty({ type: SubscriptionFilterRequest }) filter!: SubscriptionFilterRequest;
  @ApiProperty({ ...CURSOR, description: 'It receives the events after this cursor' }) from!: string;
  @ApiProperty({ ...CURSOR, description: 'Every selected event up to here is settled (acked or parked)' }) checkpoint!: string;
  @ApiProperty() maxRetries!: number;
  @ApiProperty() maxInFlight!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ description: 'A consumer is connected now' }) connected!: boolean;
  @ApiProperty() inFlight!: number;
  @ApiProperty() parked!: number;
}

export class DurableSubscriptionListAnswer {
  @ApiProperty({ type: [DurableSubscriptionAnswer] }) items!: DurableSubscriptionAnswer[];
}

export class ParkedEventAnswer {
  @ApiProperty(CURSOR) position!: string;
  @ApiProperty({ description: 'The reason of its last nack' }) reason!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() parkedAt!: string;
  @ApiPropertyOptional() replayRequestedAt?: string;
  @ApiProperty({ allOf: [EVENT_ENVELOPE_REF] }) event!: LedgerEventEnvelope;
}

export class ParkedEventListAnswer {
  @ApiProperty({ type: [ParkedEventAnswer] }) items!: ParkedEventAnswer[];
}

export class AckAnswer {
  @ApiProperty({ ...CURSOR, description: "The subscription's checkpoint once the acks are stored" }) checkpoint!: string;
}

export class NackAnswer implements NackOutcome {
  @ApiProperty({ enum: ['retry', 'parked'] }) outcome!: 'retry' | 'parked';
  @ApiProperty() attempts!: number;
}

export class ReplayParkedAnswer {
  @ApiProperty({ description: 'How many parked events will be delivered again' }) replaying!: number;
}

export function durableSubscriptionAnswer(view: DurableSubscriptionView): DurableSubscriptionAnswer {
  return {
    name: view.name,
    filter: view.selection,
    from: toCursor(view.startPosition),
    checkpoint: toCursor(view.checkpoint),
    maxRetries: view.maxRetries,
    maxInFlight: view.maxInFlight,
    createdAt: view.createdAt,
    createdBy: view.createdBy,
    connected: view.connected,
    inFlight: view.inFlight,
    parked: view.parked,
  };
}

export function parkedEventAnswer(parked: ParkedEventRecord): ParkedEventAnswer {
  return {
    position: toCursor(parked.position),
    reason: parked.reason,
    attempts: parked.attempts,
    parkedAt: parked.parkedAt,
    ...(parked.replayRequestedAt ? { replayRequestedAt: parked.replayRequestedAt } : {}),
    event: toEventEnvelope(parked.event),
  };
}

export const ackAnswer = (checkpoint: number): AckAnswer => ({ checkpoint: toCursor(checkpoint) });
