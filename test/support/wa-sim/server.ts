/**
 * Starts a simulator: the WebSocket endpoint Baileys connects to, the HTTPS media endpoint, the account
 * store and the control API, all on 127.0.0.1.
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createCertificates } from './certs.ts';
import { SimConnection } from './connection.ts';
import type { SimCore } from './core.ts';
import { makeControl } from './control.ts';
import { startMediaServer } from './media-server.ts';
import { Phone } from './phone.ts';
import { sessionHandlers } from './session.ts';
import { StanzaLog } from './stanza-log.ts';
import { AccountStore } from './store.ts';
import type { StartWaSimOptions, WaSim } from './types.ts';

/** Starts a simulator; `close()` it when done. */
export async function startWaSim(opts: StartWaSimOptions = {}): Promise<WaSim> {
  const media = await startMediaServer();
  const core: SimCore = {
    store: new AccountStore(),
    certs: createCertificates(),
    media,
    log: new StanzaLog(opts.stanzaLog ?? true),
    settings: { latencyMs: 0, deaf: false, ackErrors: [] },
    connections: new Set(),
    pendingRefs: new Map(),
    linkCodes: new Map(),
    events: new EventEmitter(),
  };
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: '/ws/chat' });
  const handlers = sessionHandlers(core);
  wss.on('connection', (ws) => {
    core.connections.add(new SimConnection(ws, core.certs, handlers, core.settings, core.log));
  });
  await new Promise<void>((resolve) => http.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const createPhone = phoneFactory(core);
  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    rootPublicKey: core.certs.root.public,
    rootPublicKeyHex: Buffer.from(core.certs.root.public).toString('hex'),
    media: {
      url: media.url,
      caPem: media.caPem,
      fetchAgent: new HttpsAgent({ ca: media.caPem, keepAlive: false }),
      dispatcher: await trustingDispatcher(media.caPem),
    },
    createPhone,
    phone: (phoneNumber) => core.store.byUser(phoneNumber)?.phone as Phone | undefined,
    control: makeControl(core, opts.keepAliveSilenceMs ?? 60_000),
    stanzas: core.log.entries,
    unknownStanzas: () => core.log.entries.filter((e) => e.unknown),
    dumpStanzas: (entries) => core.log.dump(entries),
    close: async () => {
      for (const conn of core.connections) conn.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await media.close();
    },
  };
}

/** Returns `createPhone`, which also serves as the directory for contacts created on demand. */
function phoneFactory(core: SimCore): WaSim['createPhone'] {
  const createPhone: WaSim['createPhone'] = ({ phoneNumber, lid, pushName }) => {
    if (!/^\d{6,15}$/.test(phoneNumber))
      return Promise.reject(new Error(`phone number must be 6-15 digits: ${phoneNumber}`));
    const phone = new Phone(core, directory);
    phone.account = core.store.addAccount({
      phoneNumber,
      lidUser: lid ?? deriveLid(phoneNumber),
      pushName: pushName ?? `Sim ${phoneNumber.slice(-4)}`,
      phone,
    });
    return Promise.resolve(phone);
  };
  const directory = async (phoneNumber: string): Promise<Phone> =>
    (core.store.byUser(phoneNumber)?.phone as Phone | undefined) ??
    ((await createPhone({ phoneNumber })) as Phone);
  return createPhone;
}

/** A stable, distinct LID for a phone number (LIDs are opaque 14-15 digit numbers). */
function deriveLid(phoneNumber: string): string {
  return (((BigInt(phoneNumber) * 7919n) % 899_999_999_999_999n) + 100_000_000_000_000n).toString();
}

/**
 * A fetch dispatcher that trusts the media certificate. Node bundles undici without exporting it, so the
 * Agent class is taken from the global dispatcher fetch installs (undici's documented global symbol).
 */
async function trustingDispatcher(caPem: string): Promise<unknown> {
  await (await fetch('data:,wa-sim')).arrayBuffer();
  const globalDispatcher = (globalThis as Record<symbol, unknown>)[
    Symbol.for('undici.globalDispatcher.1')
  ];
  const AgentClass = (
    globalDispatcher as { constructor?: new (opts: unknown) => unknown } | undefined
  )?.constructor;
  if (!AgentClass)
    throw new Error('cannot find the fetch Agent class to build a trusting dispatcher');
  return new AgentClass({ connect: { ca: caPem } });
}
