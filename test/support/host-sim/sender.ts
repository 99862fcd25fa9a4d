/**
 * Sends order events to the sidecar the way the host does: signed per Standard Webhooks (headers
 * `webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256 over `id.timestamp.body`,
 * signed with the `standardwebhooks` package) and, through `deliver`, retried on the host's
 * schedule. The clock, sleep and randomness are injectable so tests run the schedule instantly.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { shouldRetry, RETRY_SCHEDULE_MS, waitBeforeAttempt } from './retry-schedule.ts';
import type { AttemptOutcome } from './retry-schedule.ts';

/** The webhook body (SPEC §4.1). */
export interface OrderEventBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Per-send knobs, mostly for negative tests. */
export interface SendOptions {
  /** Default: a fresh `msg_…` id. Reuse one to test the duplicate ledger. */
  webhookId?: string;
  /** Default: now (from the sender's clock). Move it to test the ±300 s tolerance. */
  timestampSec?: number;
  /**
   * More entries for `webhook-signature`: a `whsec_…` secret is signed with (secret rotation:
   * the host signs with old and new); anything else (e.g. `v1,AAAA…`) is appended verbatim.
   */
  extraSignatures?: string[];
  /** Sign with this secret instead of the sender's own (e.g. a wrong one). */
  signWithSecret?: string;
  /** Send these exact bytes instead of `JSON.stringify(event)` (e.g. invalid JSON, signed). */
  rawBody?: string;
}

/** The sidecar's answer to one send. */
export interface SentEvent {
  webhookId: string;
  timestampSec: number;
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON answer, or `undefined` when it was not JSON. */
  body: unknown;
}

/** One attempt of a delivery. */
export interface DeliveryAttempt {
  /** Clock time (ms) when the attempt was sent. */
  at: number;
  /** How long the sender waited before it. */
  waitedMs: number;
  outcome: AttemptOutcome;
}

/** How a delivery ended. */
export interface DeliveryReport {
  webhookId: string;
  delivered: boolean;
  attempts: DeliveryAttempt[];
  /** The last answer received, if any attempt got one. */
  last: SentEvent | undefined;
}

/** Where to send, with what secret, and the injectable time sources. */
export interface EventSenderOptions {
  targetUrl: string;
  /** `whsec_<base64>` shared with the sidecar. */
  secret: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Clock in ms; default `Date.now`. Also drives `webhook-timestamp`. */
  now?: () => number;
  /** Default: a real timer. Tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); default `Math.random`. */
  random?: () => number;
}

/** A configured sender. */
export interface EventSender {
  send(event: OrderEventBody, options?: SendOptions): Promise<SentEvent>;
  /** Sends with the host's retry schedule; the webhook id stays the same across attempts. */
  deliver(
    event: OrderEventBody,
    options?: Omit<SendOptions, 'timestampSec'>,
  ): Promise<DeliveryReport>;
}

/** A new Standard Webhooks message id. */
export function newWebhookId(): string {
  return `msg_${randomBytes(12).toString('base64url')}`;
}

/** The `webhook-signature` value for one secret: `v1,<base64 HMAC>`. */
export function signatureFor(
  secret: string,
  webhookId: string,
  timestampSec: number,
  payload: string,
): string {
  return new Webhook(secret).sign(webhookId, new Date(timestampSec * 1000), payload);
}

function signatureHeader(
  secret: string,
  id: string,
  ts: number,
  payload: string,
  extra: string[] = [],
) {
  const signed = [secret, ...extra].map((entry) =>
    entry === secret || entry.startsWith('whsec_') ? signatureFor(entry, id, ts, payload) : entry,
  );
  return signed.join(' ');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The sender's options with every default filled in. */
type SenderConfig = Required<Omit<EventSenderOptions, 'timeoutMs'>> & { timeoutMs: number };

async function sendSigned(
  config: SenderConfig,
  event: OrderEventBody,
  sendOptions: SendOptions = {},
) {
  const webhookId = sendOptions.webhookId ?? newWebhookId();
  const timestampSec = sendOptions.timestampSec ?? Math.floor(config.now() / 1000);
  const payload = sendOptions.rawBody ?? JSON.stringify(event);
  const secret = sendOptions.signWithSecret ?? config.secret;
  const signature = signatureHeader(
    secret,
    webhookId,
    timestampSec,
    payload,
    sendOptions.extraSignatures,
  );
  const response = await fetch(config.targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestampSec),
      'webhook-signature': signature,
    },
    body: payload,
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  const text = await response.text();
  const sent: SentEvent = {
    webhookId,
    timestampSec,
    status: response.status,
    headers: response.headers,
    text,
    body: parseJson(text),
  };
  return sent;
}

/** One attempt, never throwing: a network failure becomes an `error` outcome. */
async function attempt(
  config: SenderConfig,
  event: OrderEventBody,
  sendOptions: SendOptions,
): Promise<{ sent: SentEvent | undefined; outcome: AttemptOutcome }> {
  try {
    const sent = await sendSigned(config, event, sendOptions);
    return { sent, outcome: { status: sent.status, retryAfter: sent.headers.get('retry-after') } };
  } catch (error) {
    return {
      sent: undefined,
      outcome: { error: error instanceof Error ? error.message : String(error) },
    };
  }
}

async function deliverWithRetries(
  config: SenderConfig,
  event: OrderEventBody,
  sendOptions: Omit<SendOptions, 'timestampSec'>,
): Promise<DeliveryReport> {
  const webhookId = sendOptions.webhookId ?? newWebhookId();
  const attempts: DeliveryAttempt[] = [];
  let last: SentEvent | undefined;
  for (let index = 0; index < RETRY_SCHEDULE_MS.length; index += 1) {
    const waitedMs = waitBeforeAttempt(
      index,
      attempts.at(-1)?.outcome,
      config.random,
      config.now(),
    );
    if (waitedMs > 0) await config.sleep(waitedMs);
    const at = config.now();
    const { sent, outcome } = await attempt(config, event, { ...sendOptions, webhookId });
    last = sent ?? last;
    attempts.push({ at, waitedMs, outcome });
    if (!shouldRetry(outcome)) {
      const delivered = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
      return { webhookId, delivered, attempts, last };
    }
  }
  return { webhookId, delivered: false, attempts, last };
}

/** Creates a sender for one target and secret. */
export function createEventSender(options: EventSenderOptions): EventSender {
  const config: SenderConfig = {
    targetUrl: options.targetUrl,
    secret: options.secret,
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  return {
    send: (event, sendOptions) => sendSigned(config, event, sendOptions),
    deliver: (event, sendOptions = {}) => deliverWithRetries(config, event, sendOptions),
  };
}
