import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import {
  buildOrderEvent,
  createEventSender,
  RETRY_SCHEDULE_MS,
} from '../../support/host-sim/index.ts';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver that records raw requests and answers from a script (then 202). */
async function startReceiver(
  script: Array<{ status: number; headers?: Record<string, string> }> = [],
) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? { status: 202 };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify({ status: next.status < 300 ? 'accepted' : 'error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}/webhooks/openalgo`, received, close };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

function signatureHeaders(received: Received): Record<string, string> {
  return {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
}

/** A fake clock whose sleep advances time instantly and records each wait. */
function fakeTime(start = 1_750_000_000_000) {
  const clock = { now: start, waits: [] as number[] };
  return {
    clock,
    now: () => clock.now,
    sleep: (ms: number) => {
      clock.waits.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
  };
}

describe('event sender', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  afterEach(() => receiver.close());

  describe('send', () => {
    it('signs so that standardwebhooks verifies the raw body', async () => {
      receiver = await startReceiver();
      const secret = newSecret();
      const event = buildOrderEvent('order.placed');
      const sent = await createEventSender({ targetUrl: receiver.url, secret }).send(event);
      expect(sent.status).to.equal(202);
      expect(sent.body).to.deep.equal({ status: 'accepted' });
      const [request] = receiver.received;
      expect(request?.headers['webhook-id']).to.equal(sent.webhookId).and.match(/^msg_/);
      const verified = new Webhook(secret).verify(request!.raw, signatureHeaders(request!));
      expect(verified).to.deep.equal(event);
    });

    it('fails verification with another secret, a tampered body or a stale timestamp', async () => {
      receiver = await startReceiver();
      const secret = newSecret();
      const sender = createEventSender({ targetUrl: receiver.url, secret });
      const event = buildOrderEvent('order.cancelled');
      await sender.send(event);
      await sender.send(event, { signWithSecret: newSecret() });
      await sender.send(event, { timestampSec: Math.floor(Date.now() / 1000) - 301 });
      const [good, wrongSecret, stale] = receiver.received as [Received, Received, Received];
      const verifier = new Webhook(secret);
      expect(verifier.verify(good.raw, signatureHeaders(good))).to.deep.equal(event);
      const tampered = good.raw.replace('cancelorder', 'modifyorder');
      expect(tampered).not.to.equal(good.raw);
      expect(() => verifier.verify(tampered, signatureHeaders(good))).to.throw(
        /No matching signature/,
      );
      expect(() => verifier.verify(wrongSecret.raw, signatureHeaders(wrongSecret))).to.throw(
        /No matching signature/,
      );
      expect(() => verifier.verify(stale.raw, signatureHeaders(stale))).to.throw(/too old/);
    });

    it('sends one signature per secret during rotation, and verbatim extras', async () => {
      receiver = await startReceiver();
      const [oldSecret, rotated] = [newSecret(), newSecret()];
      await createEventSender({ targetUrl: receiver.url, secret: oldSecret }).send(
        buildOrderEvent('gtt.placed'),
        {
          extraSignatures: [rotated, 'v1,bm90LWEtc2lnbmF0dXJl'],
        },
      );
      const [request] = receiver.received;
      const entries = String(request?.headers['webhook-signature']).split(' ');
      expect(entries).to.have.length(3);
      expect(entries[2]).to.equal('v1,bm90LWEtc2lnbmF0dXJl');
      for (const secret of [oldSecret, rotated]) {
        expect(
          new Webhook(secret).verify(request!.raw, signatureHeaders(request!)),
        ).to.have.property('type', 'gtt.placed');
      }
      expect(() =>
        new Webhook(newSecret()).verify(request!.raw, signatureHeaders(request!)),
      ).to.throw();
    });

    it('sends a raw body verbatim, still signed', async () => {
      receiver = await startReceiver();
      const secret = newSecret();
      await createEventSender({ targetUrl: receiver.url, secret }).send(
        buildOrderEvent('order.placed'),
        {
          rawBody: '{not json',
          webhookId: 'msg_fixed',
        },
      );
      const [request] = receiver.received;
      expect(request?.raw).to.equal('{not json');
      expect(request?.headers['webhook-id']).to.equal('msg_fixed');
      expect(
        new Webhook(secret).verify(request!.raw, signatureHeaders(request!), { jsonParse: false }),
      ).to.equal(undefined);
    });
  });

  describe('deliver', () => {
    it('retries 5xx, 429 and 503 on schedule, honouring Retry-After, until a 2xx', async () => {
      receiver = await startReceiver([
        { status: 500 },
        { status: 503, headers: { 'retry-after': '30' } },
        { status: 429 },
        { status: 202 },
      ]);
      const time = fakeTime();
      const sender = createEventSender({
        targetUrl: receiver.url,
        secret: newSecret(),
        ...time,
        random: () => 0.5,
      });
      const report = await sender.deliver(buildOrderEvent('order.placed'));
      expect(report.delivered).to.be.true;
      expect(report.attempts.map((a) => a.waitedMs)).to.deep.equal([0, 2_000, 30_000, 60_000]);
      expect(time.clock.waits).to.deep.equal([2_000, 30_000, 60_000]);
      const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
      expect(ids).to.deep.equal(new Set([report.webhookId]));
      const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
      expect(stamps).to.deep.equal(report.attempts.map((a) => Math.floor(a.at / 1000)));
    });

    it('gives up after the last scheduled attempt, with ±10 % jitter on each delay', async () => {
      const failures = [...RETRY_SCHEDULE_MS, ...RETRY_SCHEDULE_MS].map(() => ({ status: 500 }));
      receiver = await startReceiver(failures);
      for (const [random, factor] of [
        [0, 0.9],
        [0.5, 1],
      ] as const) {
        const time = fakeTime();
        const sender = createEventSender({
          targetUrl: receiver.url,
          secret: newSecret(),
          ...time,
          random: () => random,
        });
        receiver.received.length = 0;
        const report = await sender.deliver(buildOrderEvent('order.placed'));
        expect(report.delivered).to.be.false;
        expect(report.attempts).to.have.length(5);
        expect(report.attempts.map((a) => a.waitedMs)).to.deep.equal(
          RETRY_SCHEDULE_MS.map((ms) => Math.round(ms * factor)),
        );
      }
    });

    it('stops at once on a 4xx other than 429', async () => {
      receiver = await startReceiver([{ status: 401 }]);
      const time = fakeTime();
      const report = await createEventSender({
        targetUrl: receiver.url,
        secret: newSecret(),
        ...time,
      }).deliver(buildOrderEvent('order.placed'));
      expect(report.delivered).to.be.false;
      expect(report.attempts.map((a) => a.outcome)).to.deep.equal([
        { status: 401, retryAfter: null },
      ]);
      expect(time.clock.waits).to.deep.equal([]);
    });

    it('retries network errors', async () => {
      receiver = await startReceiver();
      const url = receiver.url;
      await receiver.close();
      const time = fakeTime();
      const report = await createEventSender({
        targetUrl: url,
        secret: newSecret(),
        ...time,
        random: () => 0.5,
      }).deliver(buildOrderEvent('order.placed'));
      expect(report.delivered).to.be.false;
      expect(report.attempts).to.have.length(5);
      expect(report.attempts.every((a) => 'error' in a.outcome)).to.be.true;
      expect(time.clock.waits).to.deep.equal(RETRY_SCHEDULE_MS.slice(1));
    });
  });
});
