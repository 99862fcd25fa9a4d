import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { App } from '../../../src/app.ts';
import type { InboundMessage } from '../../../src/whatsapp/transport.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

/** Collects what the link hands to its subscriber; `next()` waits for the following one. */
function subscribe(app: App) {
  const seen: InboundMessage[] = [];
  const waiters: Array<(m: InboundMessage) => void> = [];
  app.whatsapp.onInbound((message) => {
    seen.push(message);
    waiters.shift()?.(message);
    return Promise.resolve();
  });
  return { seen, next: () => new Promise<InboundMessage>((resolve) => waiters.push(resolve)) };
}

describe('WhatsApp link: sending and receiving (real Baileys ↔ simulator)', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;

  beforeEach(async () => {
    sim = await startWaSim();
    dir = makeTempDir();
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim);
    await pairByQr(app, phone);
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    dir.cleanup();
  });

  it('sends text to the owner’s own chat, decrypted by the phone', async () => {
    const receipt = await app.whatsapp.send(
      { kind: 'self' },
      { type: 'text', text: 'Hello from the sidecar' },
    );
    const got = await phone.waitForMessage((m) => m.id === receipt.messageId);
    expect(got.text).to.equal('Hello from the sidecar');
    expect(receipt.jid).to.equal(phone.pnJid);
    expect(await app.whatsapp.isOwnMessage(receipt.messageId)).to.equal(true);
  });

  it('sends an image with caption and a document with filename and follow-up text, byte-identical', async () => {
    const image = randomBytes(40_000);
    const document = randomBytes(120_000);
    writeFileSync(join(dir.path, 'chart.png'), image);
    writeFileSync(join(dir.path, 'report.pdf'), document);
    const imageReceipt = await app.whatsapp.send(
      { kind: 'self' },
      { type: 'image', path: join(dir.path, 'chart.png'), caption: 'Today' },
    );
    const gotImage = await phone.waitForMessage((m) => m.id === imageReceipt.messageId);
    expect(gotImage.kind).to.equal('image');
    expect(gotImage.caption).to.equal('Today');
    expect(gotImage.media?.equals(image)).to.equal(true);

    const docReceipt = await app.whatsapp.send(
      { kind: 'self' },
      {
        type: 'document',
        path: join(dir.path, 'report.pdf'),
        fileName: 'P&L report.pdf',
        followUpText: 'Monthly report',
      },
    );
    expect(docReceipt.messageIds).to.have.length(2);
    const gotDoc = await phone.waitForMessage((m) => m.id === docReceipt.messageIds[0]);
    expect(gotDoc).to.include({
      kind: 'document',
      fileName: 'P&L report.pdf',
      mimetype: 'application/pdf',
    });
    expect(gotDoc.media?.equals(document)).to.equal(true);
    const followUp = await phone.waitForMessage((m) => m.id === docReceipt.messageIds[1]);
    expect(followUp.text).to.equal('Monthly report');
  });

  it('hands self-chat messages to the subscriber in PN and LID addressing', async () => {
    const inbox = subscribe(app);
    const pnArrived = inbox.next();
    const pnId = await phone.sendSelfText('/positions', { addressing: 'pn' });
    const pn = await pnArrived;
    expect(pn).to.include({
      id: pnId,
      fromMe: true,
      text: '/positions',
      chatJid: phone.pnJid,
      upsertType: 'notify',
    });
    const lidArrived = inbox.next();
    const lidId = await phone.sendSelfText('/funds', { addressing: 'lid' });
    const lid = await lidArrived;
    expect(lid).to.include({
      id: lidId,
      fromMe: true,
      text: '/funds',
      chatJid: phone.lidJid,
      chatJidAlt: phone.pnJid,
    });
  });

  it('hands a message over once even when it is delivered again (replay, other addressing)', async () => {
    const inbox = subscribe(app);
    const first = inbox.next();
    await phone.sendSelfText('/orderbook', { id: 'REPLAYED0001', addressing: 'pn' });
    await first;
    const marker = inbox.next();
    await phone.sendSelfText('/orderbook', { id: 'REPLAYED0001', addressing: 'lid' });
    await phone.sendSelfText('/marker', { addressing: 'pn' });
    expect((await marker).text).to.equal('/marker');
    expect(inbox.seen.map((m) => m.text)).to.deep.equal(['/orderbook', '/marker']);
  });

  it('replays messages typed while disconnected as append, once, after a restart', async () => {
    await app.close();
    await phone.sendSelfText('/holdings', { offline: true, id: 'OFFLINE00001' });
    // Subscribe before connecting, as the app does for its command dispatcher.
    app = await startE2eApp(dir.path, sim, { link: { autoConnect: false } });
    const inbox = subscribe(app);
    const arrived = inbox.next();
    await app.whatsapp.start();
    await waitForState(app.whatsapp, 'open');
    const message = await arrived;
    expect(message).to.include({
      id: 'OFFLINE00001',
      text: '/holdings',
      upsertType: 'append',
      fromMe: true,
    });
  });

  it('never hands our own sent messages to the subscriber (echo guard)', async () => {
    const inbox = subscribe(app);
    await app.whatsapp.send({ kind: 'self' }, { type: 'text', text: '/status' });
    const marker = inbox.next();
    await phone.sendSelfText('/marker');
    await marker;
    expect(inbox.seen.map((m) => m.text)).to.deep.equal(['/marker']);
  });

  it('hands over messages from other contacts marked as not fromMe', async () => {
    const inbox = subscribe(app);
    const arrived = inbox.next();
    await phone.sendAsContact('15550009999', '/closeall');
    const message = await arrived;
    expect(message.fromMe).to.equal(false);
    expect(message.chatJid).to.not.equal(phone.pnJid);
  });

  it('keeps no plaintext key material or message text in the database file', async () => {
    await app.whatsapp.send({ kind: 'self' }, { type: 'text', text: 'secret order text 12345' });
    const { createDbAuthState } = await import('../../../src/whatsapp/auth-store.ts');
    const { createSecretBox } = await import('../../../src/crypto/index.ts');
    const auth = await createDbAuthState(app.db, createSecretBox(app.keys['whatsapp-session']));
    const creds = auth.state.creds;
    await app.close();
    const bytes = Buffer.concat(
      ['test.db', 'test.db-wal'].map((name) => {
        try {
          return readFileSync(join(dir.path, name));
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    const secrets = [
      Buffer.from(creds.noiseKey.private),
      Buffer.from(creds.signedIdentityKey.private),
      Buffer.from(creds.signedPreKey.keyPair.private),
    ];
    for (const secret of secrets) {
      expect(bytes.includes(secret)).to.equal(false);
      expect(bytes.includes(secret.toString('base64'))).to.equal(false);
    }
    expect(bytes.includes(creds.advSecretKey)).to.equal(false);
    expect(bytes.includes('secret order text 12345')).to.equal(false);
    app = await startE2eApp(dir.path, sim);
  });
});
