// Messages both ways between the real Baileys and the simulated phone.
import { expect } from 'chai';
import type { WAMessage, WASocket } from '@whiskeysockets/baileys';
import {
  createBaileysSocket,
  installStrictXEdDSAVerifier,
  linkCompanion,
  startWaSim,
  waitForOpen,
} from '../../support/wa-sim/index.ts';
import type { SimPhone, WaSim } from '../../support/wa-sim/index.ts';

/** Resolves with the next upserted message matching `predicate`, with the upsert type. */
function nextUpsert(sock: WASocket, predicate: (m: WAMessage) => boolean, timeoutMs = 10_000) {
  return new Promise<{ message: WAMessage; type: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching messages.upsert')), timeoutMs);
    const listener = ({ messages, type }: { messages: WAMessage[]; type: string }) => {
      const message = messages.find(predicate);
      if (!message) return;
      clearTimeout(timer);
      sock.ev.off('messages.upsert', listener);
      resolve({ message, type });
    };
    sock.ev.on('messages.upsert', listener);
  });
}

/**
 * Records every status a message gets from now on, from `messages.update` and from the status carried by
 * an upsert (Baileys merges an update into a still-buffered upsert). `waitFor(id, status)` resolves once
 * that status was seen, even if it came before the caller knew the id (an ack can beat `sendMessage`).
 */
function recordStatuses(sock: WASocket) {
  const seen = new Set<string>();
  const waiters = new Map<string, () => void>();
  const note = (id: string | null | undefined, status: unknown) => {
    if (!id || typeof status !== 'number') return;
    seen.add(`${id}/${status}`);
    waiters.get(`${id}/${status}`)?.();
  };
  sock.ev.on('messages.update', (updates) =>
    updates.forEach((u) => note(u.key.id, u.update.status)),
  );
  sock.ev.on('messages.upsert', ({ messages }) =>
    messages.forEach((m) => note(m.key.id, m.status)),
  );
  return {
    waitFor: (id: string, status: number, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (seen.has(`${id}/${status}`)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`no status ${status} for ${id}`)),
          timeoutMs,
        );
        waiters.set(`${id}/${status}`, () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

const textOf = (m: WAMessage) => m.message?.conversation ?? m.message?.extendedTextMessage?.text;

describe('wa-sim messaging', () => {
  let sim: WaSim;
  let phone: SimPhone;
  let sock: WASocket;
  let undoVerifier: () => void;

  before(async () => {
    undoVerifier = installStrictXEdDSAVerifier();
    sim = await startWaSim();
    phone = await sim.createPhone({ phoneNumber: '15550001000', pushName: 'Owner' });
    ({ sock } = await linkCompanion(sim, phone));
  });
  after(async () => {
    await sock.end(undefined);
    await sim.close();
    undoVerifier();
  });

  it('delivers a text sent to the own JID to the phone, which decrypts it', async () => {
    const sent = await sock.sendMessage(phone.pnJid, { text: 'order filled: 10 INFY' });
    const received = await phone.waitForMessage((m) => m.id === sent?.key.id);
    expect(received).to.include({ kind: 'text', text: 'order filled: 10 INFY', to: phone.pnJid });
    expect(received.from).to.equal(sock.user?.id);
    expect(phone.failures).to.deep.equal([]);
  });

  it('keeps decrypting on an established session (msg after pkmsg)', async () => {
    for (const text of ['one', 'two', 'three']) await sock.sendMessage(phone.pnJid, { text });
    const texts = await Promise.all(
      ['one', 'two', 'three'].map((t) => phone.waitForMessage((m) => m.text === t)),
    );
    expect(texts.map((m) => m.text)).to.deep.equal(['one', 'two', 'three']);
    expect(phone.failures).to.deep.equal([]);
  });

  it('surfaces a phone self-chat text as fromMe in PN addressing', async () => {
    const upsert = nextUpsert(sock, (m) => textOf(m) === '/status pn');
    const id = await phone.sendSelfText('/status pn');
    const { message, type } = await upsert;
    expect(type).to.equal('notify');
    expect(message.key).to.include({ id, fromMe: true, remoteJid: phone.pnJid });
  });

  it('surfaces a phone self-chat text as fromMe in LID addressing', async () => {
    const upsert = nextUpsert(sock, (m) => textOf(m) === '/status lid');
    const id = await phone.sendSelfText('/status lid', { addressing: 'lid' });
    const { message } = await upsert;
    expect(message.key).to.include({
      id,
      fromMe: true,
      remoteJid: phone.lidJid,
      remoteJidAlt: phone.pnJid,
    });
  });

  it('delivers a message from another contact as not fromMe', async () => {
    const upsert = nextUpsert(sock, (m) => textOf(m) === 'hi from a friend');
    await phone.sendAsContact('15550009999', 'hi from a friend');
    const { message } = await upsert;
    expect(message.key).to.include({ fromMe: false, remoteJid: '15550009999@s.whatsapp.net' });
  });

  it("reports the phone's read receipt as status READ", async () => {
    const sent = await sock.sendMessage(phone.pnJid, { text: 'please read' });
    const id = sent?.key.id ?? '';
    await phone.waitForMessage((m) => m.id === id);
    const statuses = recordStatuses(sock);
    await phone.sendReadReceipt(id);
    await statuses.waitFor(id, 4);
  });

  it('turns an ack carrying an error into status ERROR and does not deliver the message', async () => {
    sim.control.failNextAcks(1, 479);
    const statuses = recordStatuses(sock);
    const sent = await sock.sendMessage(phone.pnJid, { text: 'rejected by server' });
    await statuses.waitFor(sent?.key.id ?? '', 0);
    await sock.sendMessage(phone.pnJid, { text: 'after rejection' });
    await phone.waitForMessage((m) => m.text === 'after rejection');
    expect(phone.received.some((m) => m.text === 'rejected by server')).to.be.false;
  });

  it('replays messages sent while offline as append on the next login', async () => {
    const auth = sock.authState;
    await sock.end(undefined);
    const id = await phone.sendSelfText('while you were away', { offline: true });
    sock = createBaileysSocket(sim, { creds: auth.creds, keys: auth.keys });
    // Listen before open: the queued stanza is delivered right after <success>, ahead of `open`.
    const upsert = nextUpsert(sock, (m) => m.key.id === id);
    await waitForOpen(sock);
    const { message, type } = await upsert;
    expect(type).to.equal('append');
    expect(message.key.fromMe).to.be.true;
  });
});
