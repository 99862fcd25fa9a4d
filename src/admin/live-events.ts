/**
 * Server-Sent Events for the admin pages (SPEC §7.3, §13): only requests that passed the session
 * gate are attached, so QR codes and status never reach an anonymous client (OpenAlgo broadcast
 * them to every socket). A comment line every 25 s keeps proxies from closing idle streams.
 */
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';

/** Event names, as OpenAlgo's Socket.IO events. */
export type LiveEventName =
  | 'whatsapp_qr'
  | 'whatsapp_pair_code'
  | 'whatsapp_paired'
  | 'whatsapp_pair_status'
  | 'whatsapp_status';

const KEEPALIVE_MS = 25_000;

/** The hub. */
export interface LiveEvents {
  /** Turns the (already authenticated) request into an event stream. */
  attach(ctx: Context, initial?: Array<[LiveEventName, unknown]>): void;
  publish(name: LiveEventName, data: unknown): void;
  /** Connected clients (for tests and metrics). */
  clientCount(): number;
  /** Ends every stream. */
  close(): void;
}

function frame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Builds the hub. */
export function createLiveEvents(): LiveEvents {
  const clients = new Set<PassThrough>();
  const keepalive = setInterval(() => {
    for (const stream of clients) stream.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();
  return {
    attach(ctx, initial = []) {
      const stream = new PassThrough();
      clients.add(stream);
      const drop = () => {
        clients.delete(stream);
        stream.end();
      };
      ctx.req.on('close', drop);
      stream.on('error', drop);
      ctx.req.socket.setTimeout(0);
      ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Accel-Buffering', 'no');
      ctx.status = 200;
      ctx.body = stream;
      stream.write('retry: 3000\n\n');
      for (const [name, data] of initial) stream.write(frame(name, data));
    },
    publish(name, data) {
      const text = frame(name, data);
      for (const stream of clients) stream.write(text);
    },
    clientCount: () => clients.size,
    close() {
      clearInterval(keepalive);
      for (const stream of clients) stream.end();
      clients.clear();
    },
  };
}
