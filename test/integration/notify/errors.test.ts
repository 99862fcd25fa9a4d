import { expect } from 'chai';
import request from 'supertest';
import { OutboxMessage } from '../../../src/db/index.ts';
import {
  linkRecipient,
  NOTIFY,
  OWNER_KEY,
  RECIPIENT_KEY,
  startNotify,
  type NotifyHarness,
} from './harness.ts';

/** Asserts the JSON error envelope with an exact message, and that nothing was sent. */
function expectError(h: NotifyHarness, res: request.Response, status: number, message: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body).to.include({ status: 'error', message });
  expect(res.body.code).to.match(/^[a-z_]+$/);
  expect(h.transport.sent).to.have.length(0);
}

describe('POST /api/v1/whatsapp/notify: every error status and message', () => {
  let h: NotifyHarness;
  beforeEach(async () => {
    h = await startNotify();
  });
  afterEach(() => h.close());

  describe('authentication (401)', () => {
    const message = 'Invalid or missing API key';

    it('refuses a request with no key anywhere', async () => {
      const res = await request(h.koa.callback()).post(NOTIFY).send({ self: true, message: 'x' });
      expectError(h, res, 401, message);
    });

    it('refuses a wrong key in the body, the header or the query', async () => {
      expectError(h, await h.post({ apikey: 'nope', self: true, message: 'x' }), 401, message);
      const header = await request(h.koa.callback())
        .post(NOTIFY)
        .set('X-API-KEY', 'nope')
        .send({ self: true, message: 'x' });
      expectError(h, header, 401, message);
      const query = await request(h.koa.callback())
        .post(`${NOTIFY}?apikey=nope`)
        .send({ self: true, message: 'x' });
      expectError(h, query, 401, message);
    });

    it('lets the body key win over a valid header key (OpenAlgo precedence)', async () => {
      const res = await request(h.koa.callback())
        .post(NOTIFY)
        .set('X-API-KEY', OWNER_KEY)
        .send({ apikey: 'wrong-body-key', self: true, message: 'x' });
      expectError(h, res, 401, message);
    });

    it('refuses a non-string body key, even with a valid header key', async () => {
      const res = await request(h.koa.callback())
        .post(NOTIFY)
        .set('X-API-KEY', OWNER_KEY)
        .send({ apikey: 12345, self: true, message: 'x' });
      expectError(h, res, 401, message);
    });

    it("refuses an inactive recipient's key", async () => {
      await linkRecipient(
        h.db,
        h.settings,
        'bob',
        '917777666555@s.whatsapp.net',
        'bob-key-1234',
        false,
      );
      expectError(
        h,
        await h.post({ apikey: 'bob-key-1234', self: true, message: 'x' }),
        401,
        message,
      );
    });

    it('authenticates before reading the payload: a bad payload with a bad key is a 401', async () => {
      expectError(h, await h.post({ apikey: 'nope', phone: true }), 401, message);
    });
  });

  describe('recipient form (400/404)', () => {
    it('refuses two recipient forms', async () => {
      const res = await h.post({ self: true, phone: '919812345678', message: 'x' });
      expectError(h, res, 400, "Specify exactly one of: 'self', 'username', 'phone', or 'phones'");
    });

    it('refuses no recipient form (self: false and empty values count as absent)', async () => {
      const res = await h.post({ self: false, phone: '', phones: [], message: 'x' });
      expectError(h, res, 400, "Specify exactly one of: 'self', 'username', 'phone', or 'phones'");
    });

    it('refuses a \'self\' that is not a boolean (the string "false" is not true)', async () => {
      expectError(
        h,
        await h.post({ self: 'false', message: 'x' }),
        400,
        "'self' must be a boolean",
      );
    });

    for (const phone of ['12345', '1234567890123456', 'abc', 9876543210.5, true]) {
      it(`refuses the phone ${JSON.stringify(phone)}`, async () => {
        expectError(h, await h.post({ phone, message: 'x' }), 400, 'Invalid phone number');
      });
    }

    it("refuses a 'phones' that is not a list", async () => {
      expectError(
        h,
        await h.post({ phones: '919812345678', message: 'x' }),
        400,
        "'phones' must be a list",
      );
    });

    it('refuses a list whose first 5 entries are all invalid', async () => {
      const phones = ['1', true, 1.5, 'abc', null, '919812345678'];
      expectError(h, await h.post({ phones, message: 'x' }), 400, 'No valid phones in list');
    });

    it('answers 404 for a username that is not linked', async () => {
      const res = await h.post({ username: 'mallory', message: 'x' });
      expectError(h, res, 404, 'Username not found or not linked to WhatsApp');
    });

    it("refuses a 'username' that is not a string", async () => {
      expectError(
        h,
        await h.post({ username: 7, message: 'x' }),
        400,
        "'username' must be a string",
      );
    });
  });

  describe('content (400)', () => {
    it('refuses a message of 4097 characters', async () => {
      const res = await h.post({ self: true, message: 'a'.repeat(4097) });
      expectError(h, res, 400, 'Message must not exceed 4096 characters');
    });

    it('counts code points: 4097 emoji are refused, 4096 are sent', async () => {
      const tooLong = await h.post({ self: true, message: '😀'.repeat(4097) });
      expectError(h, tooLong, 400, 'Message must not exceed 4096 characters');
      await h.post({ self: true, message: '😀'.repeat(4096) }).expect(200);
    });

    it('refuses a request with no message and no attachment', async () => {
      const res = await h.post({ self: true, message: '', caption: 'only a caption' });
      expectError(h, res, 400, 'Provide at least one of: message, image_path, document_path');
    });

    it('refuses a non-string message instead of failing with 500', async () => {
      expectError(h, await h.post({ self: true, message: 42 }), 400, "'message' must be a string");
    });

    it('refuses a caption over 1024 characters', async () => {
      const image = h.file('chart.png');
      const res = await h.post({ self: true, image_path: image, caption: 'c'.repeat(1025) });
      expectError(h, res, 400, 'Caption must not exceed 1024 characters');
    });

    it('refuses a filename over 255 characters or with a path separator', async () => {
      const doc = h.file('report.pdf');
      const long = await h.post({ self: true, document_path: doc, filename: `${'f'.repeat(256)}` });
      expectError(h, long, 400, 'Filename must not exceed 255 characters');
      for (const filename of ['../x.pdf', 'a/b.pdf', 'a\\b.pdf']) {
        const res = await h.post({ self: true, document_path: doc, filename });
        expectError(h, res, 400, 'Filename must not contain path separators or control characters');
      }
    });

    it('refuses both an image and a document in one request', async () => {
      const res = await h.post({
        self: true,
        image_path: h.file('a.png'),
        document_path: h.file('b.pdf'),
      });
      expectError(h, res, 400, 'Provide at most one of: image_path, document_path');
    });

    it("refuses a 'wait_for_delivery' that is not a boolean", async () => {
      const res = await h.post({ self: true, message: 'x', wait_for_delivery: 'false' });
      expectError(h, res, 400, "'wait_for_delivery' must be a boolean");
    });

    it('refuses a disallowed image_path or document_path without echoing the path', async () => {
      const secret = '/etc/hostname-secret-layout';
      const image = await h.post({ self: true, image_path: secret });
      expectError(h, image, 400, 'image_path is not allowed');
      expect(image.text).not.to.include('hostname-secret-layout');
      const doc = await h.post({ self: true, document_path: 'relative/report.pdf' });
      expectError(h, doc, 400, 'document_path is not allowed');
      expect(doc.text).not.to.include('relative/report.pdf');
    });
  });

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
