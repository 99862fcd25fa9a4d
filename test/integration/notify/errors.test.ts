import { expect } from 'chai';
import request from 'supertest';
import {
  linkRecipient,
  NOTIFY,
  OWNER_KEY,
  expectError,
  startNotify,
  type NotifyHarness,
} from './harness.ts';

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
});
