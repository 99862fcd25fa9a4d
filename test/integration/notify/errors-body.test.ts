import { expect } from 'chai';
import request from 'supertest';
import { OutboxMessage } from '../../../src/db/index.ts';
import {
  NOTIFY,
  OWNER_KEY,
  RECIPIENT_KEY,
  expectError,
  startNotify,
  type NotifyHarness,
} from './harness.ts';

describe('POST /api/v1/whatsapp/notify: body shape and link state errors', () => {
  let h: NotifyHarness;
  beforeEach(async () => {
    h = await startNotify();
  });
  afterEach(() => h.close());

  describe('body shape (4xx, never 500)', () => {
    it('answers 415 for a non-JSON content type once the header key authenticates', async () => {
      const res = await request(h.koa.callback())
        .post(NOTIFY)
        .set('X-API-KEY', OWNER_KEY)
        .set('Content-Type', 'text/plain')
        .send('self=true&message=x');
      expectError(h, res, 415, 'Content-Type must be application/json');
    });

    it('answers 401 for a non-JSON body with no key, before looking at the body', async () => {
      const res = await request(h.koa.callback())
        .post(NOTIFY)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('apikey=x&self=true');
      expectError(h, res, 401, 'Invalid or missing API key');
    });

    it('answers 400 for malformed JSON', async () => {
      const res = await request(h.koa.callback())
        .post(`${NOTIFY}?apikey=${OWNER_KEY}`)
        .set('Content-Type', 'application/json')
        .send('{"self": true,');
      expectError(h, res, 400, 'Request body must be valid JSON');
    });

    for (const raw of ['[{"self":true,"message":"x"}]', 'null', '"text"', '42', 'true']) {
      it(`answers 400 for the JSON body ${raw} when the header key is valid`, async () => {
        const res = await request(h.koa.callback())
          .post(NOTIFY)
          .set({ 'X-API-KEY': RECIPIENT_KEY, 'Content-Type': 'application/json' })
          .send(raw);
        expectError(h, res, 400, 'Request body must be a JSON object');
      });
    }

    it('answers 401 for a JSON array body with no header or query key', async () => {
      const res = await h.post([{ apikey: OWNER_KEY, self: true, message: 'x' }]);
      expectError(h, res, 401, 'Invalid or missing API key');
    });

    it('answers 413 for a body over 1 MiB', async () => {
      const res = await h.post({ self: true, message: 'x', pad: 'p'.repeat(1024 * 1024) });
      expectError(h, res, 413, 'Request body is too large');
    });

    it('answers 400 for an Idempotency-Key that is not visible ASCII', async () => {
      const res = await h.post({ self: true, message: 'x' }, { 'Idempotency-Key': 'a b' });
      expectError(h, res, 400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    });
  });

  describe('link state (409)', () => {
    const message =
      'WhatsApp is not paired or not connected. Pair the device first from the /whatsapp page before sending.';

    for (const state of ['unpaired', 'reconnecting', 'logged_out', 'stopped'] as const) {
      it(`answers 409 while the link is ${state}, and queues nothing`, async () => {
        h.transport.setState(state);
        expectError(h, await h.post({ self: true, message: 'x' }), 409, message);
        expectError(
          h,
          await h.post({ self: true, message: 'x', wait_for_delivery: false }),
          409,
          message,
        );
        const rows = await h.db.em().count(OutboxMessage);
        expect(rows).to.equal(0);
      });
    }

    it('checks the payload first: a bad payload while unpaired is a 400', async () => {
      h.transport.setState('unpaired');
      const res = await h.post({ self: true });
      expectError(h, res, 400, 'Provide at least one of: message, image_path, document_path');
    });
  });
});
