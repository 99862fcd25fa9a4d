// Pairing against the simulator with the real Baileys: QR and pairing code, the 515 restart, login with
// saved creds, and logout.
import { expect } from 'chai';
import type { WASocket } from '@whiskeysockets/baileys';
import {
  closeCode,
  connectBaileys,
  createBaileysSocket,
  installStrictXEdDSAVerifier,
  linkCompanion,
  makeMemoryAuthState,
  nextQr,
  startWaSim,
} from '../../support/wa-sim/index.ts';
import type { WaSim } from '../../support/wa-sim/index.ts';

describe('wa-sim pairing', () => {
  let sim: WaSim;
  let undoVerifier: () => void;
  const sockets: WASocket[] = [];

  before(async () => {
    undoVerifier = installStrictXEdDSAVerifier();
    sim = await startWaSim();
  });
  afterEach(() => {
    for (const sock of sockets.splice(0)) void sock.end(undefined);
  });
  after(async () => {
    await sim.close();
    undoVerifier();
  });

  it('pairs by QR, restarts with 515 and reaches open with the paired identity', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550000001' });
    const auth = makeMemoryAuthState();
    const registering = createBaileysSocket(sim, auth);
    sockets.push(registering);
    const closed = closeCode(registering);
    const qr = await nextQr(registering);
    expect(qr).to.match(/^https:\/\/wa\.me\/settings\/linked_devices#2@/);
    await phone.scanQr(qr);
    expect(await closed).to.equal(515);
    expect(auth.creds.me?.id).to.equal('15550000001:1@s.whatsapp.net');
    expect(auth.creds.me?.lid).to.equal(`${phone.lidJid.split('@')[0]}:1@lid`);
    const sock = await connectBaileys(sim, auth);
    sockets.push(sock);
    expect(phone.linkedDevices()).to.deep.equal(['15550000001:1@s.whatsapp.net']);
    expect(sim.unknownStanzas()).to.deep.equal([]);
  });

  it('reconnects with saved creds to open without pairing again', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550000002' });
    const { sock, auth } = await linkCompanion(sim, phone);
    void sock.end(undefined);
    const logSize = sim.stanzas.length;
    const again = await connectBaileys(sim, auth);
    sockets.push(again);
    const newStanzas = sim.stanzas.slice(logSize).map((e) => e.node);
    expect(newStanzas.some((n) => n.tag === 'success')).to.be.true;
    expect(
      newStanzas.some(
        (n) => n.tag === 'iq' && Array.isArray(n.content) && n.content[0]?.tag === 'pair-device',
      ),
    ).to.be.false;
    expect(phone.linkedDevices()).to.have.length(1);
  });

  it('pairs with a pairing code typed on the phone', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550000003' });
    const auth = makeMemoryAuthState();
    const registering = createBaileysSocket(sim, auth);
    sockets.push(registering);
    const closed = closeCode(registering);
    await nextQr(registering);
    const code = await registering.requestPairingCode('15550000003');
    expect(code).to.match(/^[A-Z0-9]{8}$/);
    await phone.enterPairingCode(code);
    expect(await closed).to.equal(515);
    const sock = await connectBaileys(sim, auth);
    sockets.push(sock);
    expect(sock.user?.id).to.equal('15550000003:1@s.whatsapp.net');
  });

  it('rejects a wrong pairing code without linking a device', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550000004' });
    const registering = createBaileysSocket(sim, makeMemoryAuthState());
    sockets.push(registering);
    await nextQr(registering);
    const code = await registering.requestPairingCode('15550000004');
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    let error: unknown;
    await phone.enterPairingCode(wrong).catch((err: unknown) => (error = err));
    expect(String(error)).to.match(/pairing code is wrong/);
    expect(phone.linkedDevices()).to.deep.equal([]);
  });

  it('logout unlinks the device, and its creds are then refused with 401', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550000005' });
    const { sock, auth } = await linkCompanion(sim, phone);
    await sock.logout();
    expect(await phone.waitForLinkedDevices(0)).to.deep.equal([]);
    const retry = createBaileysSocket(sim, auth);
    sockets.push(retry);
    expect(await closeCode(retry)).to.equal(401);
  });
});
