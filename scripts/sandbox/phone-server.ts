import Router from '@koa/router';
import Koa from 'koa';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { App } from '../../src/app.ts';
import {
  buildOrderEvent,
  type EventSender,
  type OrderTopic,
} from '../../test/support/host-sim/index.ts';
import type { SimPhone } from '../../test/support/wa-sim/index.ts';
import { renderPhonePage } from './phone-page.ts';
import type { PhoneState } from './phone-state.ts';

/** What the phone page server acts on. */
export interface PhoneServerDeps {
  app: App;
  phone: SimPhone;
  state: PhoneState;
  sender: EventSender;
  adminUrl: string;
}

async function readJson(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function routes(deps: PhoneServerDeps): Router {
  const router = new Router();
  router.get('/', (ctx) => {
    const nonce = randomBytes(16).toString('base64');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'`,
    );
    ctx.type = 'html';
    ctx.body = renderPhonePage(nonce, deps.adminUrl);
  });
  router.get('/api/state', (ctx) => {
    ctx.body = {
      link: deps.app.whatsapp.state(),
      qr: deps.state.latestQr() !== null,
      code: deps.state.latestCode() !== null,
      chat: deps.state.chat(),
    };
  });
  router.post('/api/scan', async (ctx) => {
    const qr = deps.state.latestQr();
    if (!qr)
      return void (ctx.body = {
        message: 'No QR is showing: press Start pairing on the admin page first.',
      });
    await deps.phone.scanQr(qr);
    ctx.body = { message: 'Scanned. The admin page should turn Connected.' };
  });
  router.post('/api/code', async (ctx) => {
    const code = deps.state.latestCode();
    if (!code)
      return void (ctx.body = {
        message: 'No pairing code: choose "Pair with phone number" on the admin page.',
      });
    await deps.phone.enterPairingCode(code);
    ctx.body = { message: `Entered ${code}.` };
  });
  router.post('/api/say', async (ctx) => {
    const raw = (await readJson(ctx)).text;
    const text = (typeof raw === 'string' ? raw : '').slice(0, 4096);
    deps.state.typed(text);
    await deps.phone.sendSelfText(text);
    ctx.body = { message: '' };
  });
  router.post('/api/event', async (ctx) => {
    const body = await readJson(ctx);
    const topic = typeof body.topic === 'string' ? body.topic : 'order.placed';
    const event = buildOrderEvent(topic as OrderTopic, {
      mode: body.analyze === true ? 'analyze' : 'live',
      timestamp: new Date().toISOString(),
    });
    const sent = await deps.sender.send(event);
    ctx.body = { message: `Host → sidecar: ${sent.status}` };
  });
  return router;
}

/** Serves the simulated phone page on 127.0.0.1:`port`. */
export async function startPhoneServer(deps: PhoneServerDeps, port: number): Promise<Server> {
  const koa = new Koa();
  const router = routes(deps);
  koa.use(router.routes()).use(router.allowedMethods());
  const server = createServer((req, res) => void koa.callback()(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
