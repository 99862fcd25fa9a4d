import { expect } from 'chai';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { OutboxMessage } from '../../../src/db/index.ts';
import { OWNER_PN } from '../../support/fake-transport.ts';
import {
  NOTIFY,
  RECIPIENT_JID,
  RECIPIENT_KEY,
  RECIPIENT_USERNAME,
  startNotify,
  type NotifyHarness,
} from './harness.ts';

const PHONE_JID = '919812345678@s.whatsapp.net';

describe('POST /api/v1/whatsapp/notify: recipients and delivery', () => {
  let h: NotifyHarness;
  beforeEach(async () => {
    h = await startNotify();
  });
  afterEach(() => h.close());

  describe('wait_for_delivery: true (the default)', () => {
    it("sends a text to self and reports the owner's JID", async () => {
      const res = await h.post({ self: true, message: 'Hello me' }).expect(200);
      expect(res.body).to.deep.equal({
        status: 'success',
        message: 'Delivered to 1, failed 0',
        data: { sent: [OWNER_PN], failed: [], skipped: 0 },
      });
      expect(h.transport.sent.map((s) => [s.to, s.content])).to.deep.equal([
        [{ kind: 'self' }, { type: 'text', text: 'Hello me' }],
      ]);
    });

    it('normalises one phone (string with punctuation, or integer) to its JID', async () => {
      await h.post({ phone: '+91 98123-45678', message: 'a' }).expect(200);
      await h.post({ phone: 919812345678, message: 'b' }).expect(200);
      expect(h.transport.sent.map((s) => s.to)).to.deep.equal([
        { kind: 'jid', jid: PHONE_JID },
        { kind: 'jid', jid: PHONE_JID },
      ]);
    });

    it('sends to the first 5 phones only, drops invalid ones and reports the rest as skipped', async () => {
      const phones = [
        '919800000001',
        'bad',
        919800000002,
        true,
        '919800000003',
        '919800000004',
        '919800000005',
      ];
      const res = await h.post({ phones, message: 'fan-out' }).expect(200);
      const expected = ['919800000001', '919800000002', '919800000003'].map(
        (p) => `${p}@s.whatsapp.net`,
      );
      expect(res.body.message).to.equal('Delivered to 3, failed 0');
      expect(res.body.data).to.deep.equal({ sent: expected, failed: [], skipped: 2 });
      expect(h.transport.sent.map((s) => s.jid)).to.have.members(expected);
    });

    it('sends once to a number listed twice', async () => {
      const res = await h.post({ phones: ['919812345678', '+91 98123 45678'], message: 'x' });
      expect(res.body.data.sent).to.deep.equal([PHONE_JID]);
      expect(h.transport.sent).to.have.length(1);
    });

    it("sends to a linked recipient by username, also with that recipient's own key", async () => {
      await h.post({ username: RECIPIENT_USERNAME, message: 'hi' }).expect(200);
      await request(h.koa.callback())
        .post(NOTIFY)
        .set('X-API-KEY', RECIPIENT_KEY)
        .send({ username: RECIPIENT_USERNAME, message: 'hi again' })
        .expect(200);
      expect(h.transport.sent.map((s) => s.jid)).to.deep.equal([RECIPIENT_JID, RECIPIENT_JID]);
    });

    it('sends an image with its caption, or with the text as caption', async () => {
      const image = h.file('chart.png');
      await h
        .post({ self: true, image_path: image, caption: 'Nifty', message: 'ignored' })
        .expect(200);
      await h.post({ self: true, image_path: image, message: 'as caption' }).expect(200);
      await h.post({ self: true, image_path: image }).expect(200);
      expect(h.transport.sent.map((s) => s.content)).to.deep.equal([
        { type: 'image', path: image, caption: 'Nifty' },
        { type: 'image', path: image, caption: 'as caption' },
        { type: 'image', path: image },
      ]);
    });

    it('sends a document with its file name and the text (or caption) as follow-up', async () => {
      const doc = h.file('report.pdf');
      await h
        .post({ self: true, document_path: doc, filename: 'P&L.pdf', message: 'Today' })
        .expect(200);
      await h.post({ self: true, document_path: doc, caption: 'from caption' }).expect(200);
      await h.post({ self: true, document_path: doc }).expect(200);
      expect(h.transport.sent.map((s) => s.content)).to.deep.equal([
        { type: 'document', path: doc, fileName: 'P&L.pdf', followUpText: 'Today' },
        { type: 'document', path: doc, fileName: 'report.pdf', followUpText: 'from caption' },
        { type: 'document', path: doc, fileName: 'report.pdf' },
      ]);
    });

    it('sends the resolved real path when the request names a symlink inside the root', async () => {
      const real = h.file('real.pdf');
      const link = join(h.root, 'link.pdf');
      symlinkSync(real, link);
      await h.post({ self: true, document_path: link }).expect(200);
      expect(h.transport.sent[0]?.content).to.include({ path: real, fileName: 'real.pdf' });
    });

    it('reports partial failure as 200 with each failed recipient', async () => {
      h.transport.failNextSends(1);
      const res = await h
        .post({ phones: ['919800000001', '919800000002'], message: 'x' })
        .expect(200);
      expect(res.body.status).to.equal('success');
      expect(res.body.message).to.equal('Delivered to 1, failed 1');
      expect(res.body.data.failed).to.have.length(1);
      expect(res.body.data.failed[0].error).to.equal('fake send failure');
      expect(res.body.data.sent).to.have.length(1);
    });

    it('answers 502 with status "error" when every recipient failed', async () => {
      h.transport.failNextSends(2);
      const res = await h
        .post({ phones: ['919800000001', '919800000002'], message: 'x' })
        .expect(502);
      expect(res.body).to.include({
        status: 'error',
        message: 'Delivered to 0, failed 2',
        code: 'delivery_failed',
      });
      expect(res.body.data.sent).to.deep.equal([]);
      const failed = res.body.data.failed as Array<{ to: string; error: string }>;
      expect(failed.map((f) => f.to)).to.have.members([
        '919800000001@s.whatsapp.net',
        '919800000002@s.whatsapp.net',
      ]);
    });

    it("names the owner's JID for a failed self-send", async () => {
      h.transport.failNextSends(1);
      const res = await h.post({ self: true, message: 'x' }).expect(502);
      expect(res.body.data.failed).to.deep.equal([{ to: OWNER_PN, error: 'fake send failure' }]);
    });

    it('reports a send that hangs past the timeout as failed', async () => {
      await h.close();
      h = await startNotify({ service: { sendTimeoutMs: 50 } });
      h.transport.send = () => new Promise(() => undefined);
      const res = await h.post({ self: true, message: 'x' }).expect(502);
      expect(res.body.data.failed).to.deep.equal([{ to: OWNER_PN, error: 'send timeout' }]);
    });
  });

  describe('wait_for_delivery: false (the outbox)', () => {
    const rows = () => h.db.em().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });

    it('queues one row per recipient, answers 202, sends nothing itself and wakes the outbox', async () => {
      const phones = ['919800000001', '919800000002'];
      const res = await h.post({ phones, message: 'later', wait_for_delivery: false }).expect(202);
      expect(res.body).to.deep.equal({
        status: 'success',
        message: 'Queued for 2 recipient(s)',
        queued: 2,
      });
      expect(h.transport.sent).to.have.length(0);
      expect(h.wakes).to.equal(1);
      const queued = await rows();
      expect(queued.map((r) => r.recipientJid)).to.deep.equal(
        phones.map((p) => `${p}@s.whatsapp.net`),
      );
      for (const row of queued) {
        expect(row).to.include({
          kind: 'notify',
          status: 'queued',
          message: 'later',
          mediaPath: null,
        });
        expect(row.nextAttemptAt.getTime()).to.be.at.most(Date.now());
      }
      expect(new Set(queued.map((r) => r.idempotencyKey)).size).to.equal(2);
    });

    it("queues a self-send with recipient 'self'", async () => {
      await h.post({ self: true, message: 'me', wait_for_delivery: false }).expect(202);
      expect((await rows())[0]).to.include({ recipientJid: 'self', message: 'me' });
    });

    it('queues an image with its caption and a document with its file name and follow-up', async () => {
      const image = h.file('chart.png');
      const doc = h.file('report.pdf');
      await h
        .post({ self: true, image_path: image, message: 'cap', wait_for_delivery: false })
        .expect(202);
      await h
        .post({
          self: true,
          document_path: doc,
          filename: 'r.pdf',
          message: 'see',
          wait_for_delivery: false,
        })
        .expect(202);
      const [imageRow, docRow] = await rows();
      expect(imageRow).to.include({
        mediaKind: 'image',
        mediaPath: image,
        caption: 'cap',
        message: null,
      });
      expect(docRow).to.include({
        mediaKind: 'document',
        mediaPath: doc,
        fileName: 'r.pdf',
        message: 'see',
      });
    });
  });

  it('counts requests by status in oaw_notify_requests_total', async () => {
    await h.post({ self: true, message: 'x' }).expect(200);
    await h.post({ self: true }).expect(400);
    const metric = await h.registry.getSingleMetricAsString('oaw_notify_requests_total');
    expect(metric).to.include('oaw_notify_requests_total{status="200"} 1');
    expect(metric).to.include('oaw_notify_requests_total{status="400"} 1');
  });
});
