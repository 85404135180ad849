import { ApplicationError } from '../../application.errors.js';

export const subscriptionNotFound = (name: string): ApplicationError =>
  new ApplicationError('SUBSCRIPTION.NOT_FOUND', `There is no durable subscription named ${name}`, 'not_found', { name });

export const subscriptionExists = (name: string): ApplicationError =>
  new ApplicationError(
    'SUBSCRIPTION.ALREADY_EXISTS',
    `A durable subscription named ${name} already exists with another definition: delete it first, or pick another name`,
    'conflict',
    { name },
  );

/** A nack names an event the subscription has not delivered, or has settled since (acked, parked). */
export const notInFlight = (name: string): ApplicationError =>
  new ApplicationError(
    'SUBSCRIPTION.NOT_IN_FLIGHT',
    `Subscription ${name} has no delivered, unsettled event at that position; an unacked event is delivered again after a reconnect`,
    'conflict',
    { name },
  );

export const notConnected = (name: string): ApplicationError =>
  new ApplicationError(
    'SUBSCRIPTION.NOT_CONNECTED',
    `No consumer is connected to subscription ${name}: a nack answers a delivery on the open stream`,
    'conflict',
    { name },
  );
