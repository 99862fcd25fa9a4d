/**
 * The simulator's HTTP request pipeline, in the host's order: log → injected failure → parse →
 * schema (400) → key and broker session (403) → endpoint answer. Also records the sidecar's
 * status callbacks (SPEC §8.1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { respond } from './responses.ts';
import type { SimState } from './responses.ts';
import { SIM_ENDPOINTS, validateRequest, validationErrorBody } from './validation.ts';
import type { SimEndpoint } from './validation.ts';

/** A failure to inject into the next request to one endpoint. */
export interface SimFailure {
  /** HTTP status to answer with (default 500 when `body` is given). */
  status?: number;
  /** Object → JSON body; string → sent verbatim (e.g. an HTML error page). */
  body?: unknown;
  /** Wait this long before answering (alone: answer normally, just late). */
  delayMs?: number;
  /** Destroy the socket instead of answering (after `delayMs`, if any). */
  dropConnection?: boolean;
}

/** One request as the simulator saw it; the API key is never kept. */
export interface HostRequest {
  endpoint: string;
  /** Parsed JSON body with `apikey` replaced by `<redacted>`; `undefined` when not JSON. */
  body: unknown;
  at: Date;
  /** Status answered, or `null` when the connection was dropped or is still pending. */
  status: number | null;
}

/** A status callback from the sidecar to `/api/v1/plugins/whatsapp/status`. */
export interface StatusCallback {
  at: Date;
  headers: { 'webhook-id'?: string; 'webhook-timestamp'?: string; 'webhook-signature'?: string };
  body: unknown;
  /** Signature check against the simulator's webhook secret; `null` when it has none. */
  verified: boolean | null;
}

/** What the pipeline needs from the simulator around it. */
export interface HandlerContext {
  state: SimState;
  /** Every normal answer waits this long (a realistic host latency for benchmarks). */
  responseDelayMs?: number;
  failures: Map<string, SimFailure[]>;
  requests: HostRequest[];
  statusCallbacks: StatusCallback[];
  webhookSecret: string | undefined;
  /** A cancellable wait: the simulator clears pending timers when it closes. */
  wait: (ms: number) => Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const UNEXPECTED = { message: 'An unexpected error occurred', status: 'error' };
const INVALID_KEY = { message: 'Invalid openalgo apikey', status: 'error' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function redactKey(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('apikey' in body))
    return body;
  return { ...body, apikey: '<redacted>' };
}

/** Sends a body like Flask does: JSON with a trailing newline, or a raw string as HTML. */
function send(res: ServerResponse, status: number, body: unknown): void {
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
  });
  res.end(isText ? body : `${JSON.stringify(body)}\n`);
}

/** Applies an injected failure; true when it answered (or dropped) the request itself. */
async function applyFailure(
  ctx: HandlerContext,
  failure: SimFailure,
  res: ServerResponse,
  entry: HostRequest,
) {
  if (failure.delayMs !== undefined) await ctx.wait(failure.delayMs);
  if (failure.dropConnection === true) {
    res.socket?.destroy();
    return true;
  }
  if (failure.status === undefined && failure.body === undefined) return false;
  entry.status = failure.status ?? 500;
  send(res, entry.status, failure.body ?? UNEXPECTED);
  return true;
}

/** Validation, key check and the endpoint's own answer. */
function answer(ctx: HandlerContext, endpoint: SimEndpoint, body: unknown) {
  if (body === undefined) return { status: 500, body: UNEXPECTED };
  const errors = validateRequest(endpoint, body);
  if (errors !== null)
    return { status: 400, body: validationErrorBody(endpoint, errors, ctx.state.mode) };
  const request = body as Record<string, unknown>;
  if (request.apikey !== ctx.state.apiKey || !ctx.state.brokerSessionValid) {
    return { status: 403, body: INVALID_KEY };
  }
  return respond(endpoint, ctx.state, request);
}

async function handleStatusCallback(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const raw = await readBody(req);
  const headers = {
    'webhook-id': req.headers['webhook-id'] as string | undefined,
    'webhook-timestamp': req.headers['webhook-timestamp'] as string | undefined,
    'webhook-signature': req.headers['webhook-signature'] as string | undefined,
  };
  let verified: boolean | null = null;
  if (ctx.webhookSecret !== undefined) {
    try {
      new Webhook(ctx.webhookSecret).verify(raw, headers as Record<string, string>, {
        jsonParse: false,
      });
      verified = true;
    } catch {
      verified = false;
    }
  }
  ctx.statusCallbacks.push({ at: new Date(), headers, body: parseJson(raw), verified });
  send(
    res,
    verified === false ? 401 : 200,
    verified === false ? { message: 'Invalid signature', status: 'error' } : { status: 'success' },
  );
}

/** Builds the `node:http` request listener for one simulator. */
export function createRequestHandler(ctx: HandlerContext) {
  return async function hostSimRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname
      .replace(/^\/api\/v1\//, '')
      .replace(/\/+$/, '');
    if (req.method !== 'POST')
      return send(res, 405, { message: 'Method Not Allowed', status: 'error' });
    if (path === 'plugins/whatsapp/status') return handleStatusCallback(ctx, req, res);
    if (!(SIM_ENDPOINTS as readonly string[]).includes(path))
      return send(res, 404, { message: 'Not Found', status: 'error' });
    const endpoint = path as SimEndpoint;
    const body = parseJson(await readBody(req));
    const entry: HostRequest = { endpoint, body: redactKey(body), at: new Date(), status: null };
    ctx.requests.push(entry);
    const failure = ctx.failures.get(endpoint)?.shift();
    if (failure !== undefined && (await applyFailure(ctx, failure, res, entry))) return;
    if (ctx.responseDelayMs) await ctx.wait(ctx.responseDelayMs);
    const { status, body: answerBody } = answer(ctx, endpoint, body);
    entry.status = status;
    send(res, status, answerBody);
  };
}
