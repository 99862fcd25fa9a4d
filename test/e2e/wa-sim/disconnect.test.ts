// Forced disconnects and degraded links: each control maps to the status code Baileys reports.
import { expect } from 'chai';
import type { AuthenticationState, WAMessage, WASocket } from '@whiskeysockets/baileys';
import {
  closeCode,
  connectBaileys,
  createBaileysSocket,
  installStrictXEdDSAVerifier,
  linkCompanion,
  startWaSim,
} from '../../support/wa-sim/index.ts';
import type { DisconnectCode, SimPhone, WaSim } from '../../support/wa-sim/index.ts';

/** Resolves with the next upserted message whose text is `text`. */
function upsertOf(sock: WASocket, text: string): Promise<WAMessage> {
  return new Promise((resolve) => {
    sock.ev.on('messages.upsert', ({ messages }) => {
      const m = messages.find((x) => x.message?.conversation === text);
      if (m) resolve(m);
    });
  });
}

describe('wa-sim disconnect controls', () => {
  let sim: WaSim;
  let phone: SimPhone;
  let auth: AuthenticationState;
  let sock: WASocket | undefined;
  let undoVerifier: () => void;

  before(async () => {
    undoVerifier = installStrictXEdDSAVerifier();
    sim = await startWaSim({ keepAliveSilenceMs: 15_000 });
    phone = await sim.createPhone({ phoneNumber: '15550003000' });
    const linked = await linkCompanion(sim, phone);
    auth = linked.auth;
    await linked.sock.end(undefined);
  });
  afterEach(async () => {
    sim.control.setDeaf(false);
    sim.control.setLatency(0);
    await sock?.end(undefined);
    sock = undefined;
  });
  after(async () => {
    await sim.close();
    undoVerifier();
  });

  const codes: DisconnectCode[] = [515, 440, 428, 403, 411, 503, 500];
  for (const code of codes) {
    it(`disconnect(${code}) ends the Baileys socket with status ${code}`, async () => {
      sock = await connectBaileys(sim, auth);
      const closed = closeCode(sock);
      sim.control.disconnect(code, phone.phoneNumber);
      expect(await closed).to.equal(code);
      expect(phone.linkedDevices()).to.have.length(1);
    });
  }

  it('a second login of the same device replaces the first with 440', async () => {
    sock = await connectBaileys(sim, auth);
    const closed = closeCode(sock);
    const second = await connectBaileys(sim, auth);
    expect(await closed).to.equal(440);
    await second.end(undefined);
  });

  it('going silent makes Baileys give up with 408 (keep-alive)', async () => {
    sock = await connectBaileys(sim, auth, { keepAliveIntervalMs: 500 });
    const closed = closeCode(sock, 10_000);
    sim.control.disconnect(408);
    expect(await closed).to.equal(408);
  });

  it('deaf mode drops frames to the client while the socket stays up', async () => {
    sock = await connectBaileys(sim, auth);
    const later = upsertOf(sock, 'heard');
    let lostArrived = false;
    void upsertOf(sock, 'lost').then(() => (lostArrived = true));
    sim.control.setDeaf(true);
    await phone.sendSelfText('lost');
    const dropped = sim.stanzas.filter((e) => e.dropped && e.node.tag === 'message');
    sim.control.setDeaf(false);
    await phone.sendSelfText('heard');
    await later;
    expect(dropped).to.have.length.greaterThan(0);
    expect(lostArrived).to.be.false;
  });

  it('latency delays every frame to the client', async () => {
    sock = await connectBaileys(sim, auth);
    sim.control.setLatency(300);
    const arrived = upsertOf(sock, 'slow');
    const start = Date.now();
    await phone.sendSelfText('slow');
    await arrived;
    expect(Date.now() - start).to.be.at.least(300);
  });

  it('disconnect(401) removes the device: Baileys is logged out and the creds are refused', async () => {
    sock = await connectBaileys(sim, auth);
    const closed = closeCode(sock);
    sim.control.disconnect(401, sock.user?.id);
    expect(await closed).to.equal(401);
    expect(phone.linkedDevices()).to.deep.equal([]);
    sock = createBaileysSocket(sim, auth);
    expect(await closeCode(sock)).to.equal(401);
  });
});
