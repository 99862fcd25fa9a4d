// Media over the simulator's HTTPS CDN with the real Baileys: upload, phone-side decryption with MAC and
// hash checks, and downloads back through Baileys with the trusted dispatcher.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { downloadMediaMessage } from '@whiskeysockets/baileys';
import type { WAMessage, WASocket } from '@whiskeysockets/baileys';
import {
  installStrictXEdDSAVerifier,
  linkCompanion,
  startWaSim,
} from '../../support/wa-sim/index.ts';
import type { SimPhone, WaSim } from '../../support/wa-sim/index.ts';

/** A small but real PNG header plus random bytes: the content is opaque to the transport. */
const image = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(48 * 1024)]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20 * 1024 + 7)]);

describe('wa-sim media', () => {
  let sim: WaSim;
  let phone: SimPhone;
  let sock: WASocket;
  let undoVerifier: () => void;

  before(async () => {
    undoVerifier = installStrictXEdDSAVerifier();
    sim = await startWaSim();
    phone = await sim.createPhone({ phoneNumber: '15550002000' });
    ({ sock } = await linkCompanion(sim, phone));
  });
  /** Download options trusting the simulator's certificate (Node's fetch needs it as a dispatcher). */
  const trusted = () => ({ options: { dispatcher: sim.media.dispatcher } as RequestInit });

  after(async () => {
    await sock.end(undefined);
    await sim.close();
    undoVerifier();
  });

  it('uploads an image the phone decrypts byte-identical, and Baileys downloads it back', async () => {
    const sent = await sock.sendMessage(phone.pnJid, {
      image,
      caption: 'P&L chart',
      mimetype: 'image/png',
    });
    const received = await phone.waitForMessage((m) => m.id === sent?.key.id);
    expect(received).to.include({ kind: 'image', caption: 'P&L chart', mimetype: 'image/png' });
    expect(received.media?.equals(image)).to.be.true;
    expect(sent?.message?.imageMessage?.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\//);
    const downloaded = await downloadMediaMessage(sent as WAMessage, 'buffer', trusted());
    expect(Buffer.from(downloaded).equals(image)).to.be.true;
  });

  it('uploads a document with its file name, decrypted byte-identical', async () => {
    const sent = await sock.sendMessage(phone.pnJid, {
      document: pdf,
      fileName: 'contract-note.pdf',
      mimetype: 'application/pdf',
      caption: 'today',
    });
    const received = await phone.waitForMessage((m) => m.id === sent?.key.id);
    expect(received).to.include({
      kind: 'document',
      fileName: 'contract-note.pdf',
      mimetype: 'application/pdf',
    });
    expect(received.media?.equals(pdf)).to.be.true;
  });

  it('delivers phone-sent media that Baileys downloads over HTTPS', async () => {
    const upserted = new Promise<WAMessage>((resolve) => {
      sock.ev.on('messages.upsert', ({ messages }) => {
        const m = messages.find((x) => x.message?.documentMessage?.fileName === 'from-phone.pdf');
        if (m) resolve(m);
      });
    });
    await phone.sendSelfMedia({
      kind: 'document',
      data: pdf,
      mimetype: 'application/pdf',
      fileName: 'from-phone.pdf',
    });
    const message = await upserted;
    expect(message.key.fromMe).to.be.true;
    const bytes = await downloadMediaMessage(message, 'buffer', trusted());
    expect(Buffer.from(bytes).equals(pdf)).to.be.true;
  });

  it('refuses an upload without the auth token handed out in media_conn', async () => {
    const res = await fetch(
      `${sim.media.url}/mms/image/${'A'.repeat(43)}?auth=x&token=${'A'.repeat(43)}`,
      {
        method: 'POST',
        body: 'not the hashed body',
        dispatcher: sim.media.dispatcher,
      } as RequestInit,
    );
    expect(res.status).to.equal(401);
  });
});
