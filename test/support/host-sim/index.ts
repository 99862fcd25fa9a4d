/**
 * The host simulator's public surface: an OpenAlgo-compatible REST host, its fixtures, the signed
 * event sender and the order-event factories.
 */
export { startHostSim } from './server.ts';
export type { HostSim, HostSimOptions } from './server.ts';
export type { HostRequest, SimFailure, StatusCallback } from './handler.ts';
export { defaultFixtures, withNumberStyle } from './fixtures.ts';
export type { HostFixtures } from './fixtures.ts';
export { SIM_ENDPOINTS } from './validation.ts';
export type { SimEndpoint } from './validation.ts';
export { createEventSender, newWebhookId, signatureFor } from './sender.ts';
export type {
  DeliveryAttempt,
  DeliveryReport,
  EventSender,
  EventSenderOptions,
  OrderEventBody,
  SendOptions,
  SentEvent,
} from './sender.ts';
export { JITTER_RATIO, RETRY_SCHEDULE_MS } from './retry-schedule.ts';
export {
  buildOrderEvent,
  DEFAULT_EVENT_TIMESTAMP,
  DEFAULT_USERNAME,
  ORDER_TOPICS,
  renderedExamples,
} from './events.ts';
export type { OrderEvent, OrderEventOverrides, OrderTopic, RenderedExample } from './events.ts';
