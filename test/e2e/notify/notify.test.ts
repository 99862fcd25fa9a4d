import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from '../../../src/app.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp } from '../../support/e2e-app.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

const KEY = 'e2e-owner-key-8d7c6b5a4f3e2d1c0b9a';
const NOTIFY = '/api/v1/whatsapp/notify';

describe('notify API end to end (real Baileys ↔ WhatsApp simulator)', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;
  let root: string;

  beforeEach(async () => {
    sim = await startWaSim();
    dir = makeTempDir();
    root = join(dir.path, 'attachments');
    mkdirSync(root);
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim, { env: { WHATSAPP_ATTACHMENT_ROOTS: root } });
    await app.settings.setOwnerApiKey(KEY);
    await pairByQr(app, phone);
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    dir.cleanup();
  });

  const post = (body: object) =>
    request(app.callback()).post(NOTIFY).set('X-API-KEY', KEY).send(body);

  it("delivers a text to the owner's own chat and reports the owner's JID", async () => {
    const res = await post({ self: true, message: 'Hello from notify' }).expect(200);
    expect(res.body).to.deep.equal({
      status: 'success',
      message: 'Delivered to 1, failed 0',
      data: { sent: [phone.pnJid], failed: [], skipped: 0 },
    });
    const got = await phone.waitForMessage((m) => m.text === 'Hello from notify');
    expect(got.kind).to.equal('text');
  });

  it('delivers to another number given as phone', async () => {
    const contact = await sim.createPhone({ phoneNumber: '918888777666' });
    const res = await post({ phone: '+91 88887 77666', message: 'To a contact' }).expect(200);
    expect(res.body.data.sent).to.deep.equal(['918888777666@s.whatsapp.net']);
    await contact.waitForMessage((m) => m.text === 'To a contact');
  });

  it('delivers an image with its caption and a document with its name and follow-up, byte-identical', async () => {
    const image = randomBytes(30_000);
    const document = randomBytes(80_000);
    writeFileSync(join(root, 'chart.png'), image);
    writeFileSync(join(root, 'report.pdf'), document);
    await post({ self: true, image_path: join(root, 'chart.png'), caption: 'Nifty today' }).expect(
      200,
    );
    const gotImage = await phone.waitForMessage((m) => m.kind === 'image');
    expect(gotImage.caption).to.equal('Nifty today');
    expect(gotImage.media?.equals(image)).to.equal(true);

    await post({
      self: true,
      document_path: join(root, 'report.pdf'),
      filename: 'P&L.pdf',
      message: 'Monthly P&L',
    }).expect(200);
    const gotDoc = await phone.waitForMessage((m) => m.kind === 'document');
    expect(gotDoc.fileName).to.equal('P&L.pdf');
    expect(gotDoc.media?.equals(document)).to.equal(true);
    await phone.waitForMessage((m) => m.text === 'Monthly P&L');
  });

  it('answers 409 once the phone removes the linked device, and sends nothing', async () => {
    const before = phone.received.length;
    const closed = new Promise<void>((resolve) => {
      const off = app.whatsapp.onStateChange((change) => {
        if (change.state === 'logged_out') {
          off();
          resolve();
        }
      });
    });
    sim.control.disconnect(401);
    await closed;
    const res = await post({ self: true, message: 'too late' }).expect(409);
    expect(res.body.message).to.equal(
      'WhatsApp is not paired or not connected. Pair the device first from the /whatsapp page before sending.',
    );
    expect(phone.received.length).to.equal(before);
  });

  it('queues with wait_for_delivery false and the app’s outbox delivers it once', async () => {
    const res = await post({
      self: true,
      message: 'Queued hello',
      wait_for_delivery: false,
    }).expect(202);
    expect(res.body).to.deep.equal({
      status: 'success',
      message: 'Queued for 1 recipient(s)',
      queued: 1,
    });
    const got = await phone.waitForMessage((m) => m.text === 'Queued hello');
    await app.alerts.idle();
    expect(phone.received.filter((m) => m.text === 'Queued hello')).to.have.length(1);
    expect(got.kind).to.equal('text');
  });
});
