/**
 * Signed, unique webhook requests for autocannon: every request gets a fresh `webhook-id`, the
 * current timestamp and its Standard Webhooks signature, so the sidecar verifies, validates and
 * commits each one for real (no duplicate short-cuts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'autocannon';
import { buildOrderEvent } from '../../test/support/host-sim/index.ts';

/** Returns autocannon's `setupRequest` for the given `whsec_…` secret. */
export function signedWebhookRequest(secret: string): (request: Request) => Request {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const template = buildOrderEvent('order.placed');
  let counter = 0;
  return (request) => {
    counter += 1;
    const id = `msg_${randomBytes(9).toString('base64url')}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const event = { ...template, timestamp: new Date().toISOString() };
    event.data = { ...template.data, response_data: { status: 'success', orderid: `B${counter}` } };
    const body = JSON.stringify(event);
    const signature = createHmac('sha256', key)
      .update(`${id}.${timestamp}.${body}`)
      .digest('base64');
    return {
      ...request,
      method: 'POST',
      path: '/webhooks/openalgo',
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${signature}`,
      },
    };
  };
}
