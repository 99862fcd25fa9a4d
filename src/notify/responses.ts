/**
 * The success-side bodies of the notify API (SPEC §6), as pure functions. Errors use the shared
 * envelope of the HTTP error middleware; the one exception is the all-failed delivery report, which
 * keeps its `data` so a client sees why each recipient failed.
 */
import type { DeliveryReport } from './delivery.ts';

/** A notify answer: HTTP status and JSON body. */
export interface NotifyResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `wait_for_delivery: true`: 200 with `status: "success"`, or 502 with `status: "error"` when every
 * recipient failed (OpenAlgo answers 200 "success" then, SPEC §13).
 */
export function deliveryResponse(report: DeliveryReport): NotifyResponse {
  const message = `Delivered to ${report.sent.length}, failed ${report.failed.length}`;
  if (report.sent.length === 0 && report.failed.length > 0) {
    return {
      status: 502,
      body: { status: 'error', message, code: 'delivery_failed', data: report },
    };
  }
  return { status: 200, body: { status: 'success', message, data: report } };
}

/** `wait_for_delivery: false`: 202 once the outbox holds one row per recipient. */
export function queuedResponse(queued: number): NotifyResponse {
  return {
    status: 202,
    body: { status: 'success', message: `Queued for ${queued} recipient(s)`, queued },
  };
}
