import { expect } from 'chai';
import type { App } from '../../../src/app.ts';
import { WhatsappAuth, WhatsappConfig, WHATSAPP_CONFIG_ID } from '../../../src/db/index.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';
import { nextPairingEvent, pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { installStrictXEdDSAVerifier, startWaSim, type WaSim } from '../../support/wa-sim/index.ts';

describe('WhatsApp link: pairing and sessions (real Baileys ↔ simulator, real SQLite)', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App | null;
  let undoVerifier: () => void;

  before(() => (undoVerifier = installStrictXEdDSAVerifier()));
  after(() => undoVerifier());
  beforeEach(async () => {
    sim = await startWaSim();
    dir = makeTempDir();
    app = null;
  });
  afterEach(async () => {
    await app?.close();
    await sim.close();
    dir.cleanup();
  });

  it('pairs by QR, reaches open and stores the owner identity (PN and LID)', async () => {
    const phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim);
    expect(app.whatsapp.state()).to.equal('unpaired');
    const paired = nextPairingEvent(app.whatsapp, 'paired');
    await pairByQr(app, phone);
    const identity = (await paired).identity;
    expect(identity.pnJid).to.equal(phone.pnJid);
    expect(identity.lidJid).to.equal(phone.lidJid);
    const row = await app.db.em().findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
    expect(row).to.include({
      ownJid: phone.pnJid,
      ownPhone: '919876543210',
      ownLid: phone.lidJid,
      isPaired: true,
      state: 'open',
    });
    expect(row.knownLids).to.deep.equal([phone.lidJid]);
    expect(phone.linkedDevices()).to.have.length(1);
  });

  it('pairs by an 8-character code typed on the phone', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550001111' });
    app = await startE2eApp(dir.path, sim);
    const code = nextPairingEvent(app.whatsapp, 'code');
    const opened = waitForState(app.whatsapp, 'open');
    await app.whatsapp.startPairing({ method: 'code', phoneNumber: '+1 555 000 1111' });
    const { code: typed } = await code;
    expect(typed).to.match(/^[A-Z0-9]{8}$/);
    await phone.enterPairingCode(typed);
    await opened;
    expect(app.whatsapp.identity()?.pnJid).to.equal(phone.pnJid);
  });

  it('survives a process restart: a second app on the same database reconnects without pairing', async () => {
    const phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim);
    await pairByQr(app, phone);
    await app.close();
    app = await startE2eApp(dir.path, sim);
    const pairingEvents: string[] = [];
    app.whatsapp.onPairing((event) => pairingEvents.push(event.kind));
    await waitForState(app.whatsapp, 'open');
    expect(pairingEvents).to.deep.equal([]);
    expect(app.whatsapp.identity()?.lidJid).to.equal(phone.lidJid);
    expect(phone.linkedDevices()).to.have.length(1);
  });

  it('refuses to start pairing while connected, and unlink logs out WhatsApp-side and wipes the session', async () => {
    const phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim);
    await pairByQr(app, phone);
    let refusal: unknown;
    await app.whatsapp.startPairing({ method: 'qr' }).catch((error: unknown) => (refusal = error));
    expect((refusal as Error).message).to.equal(
      'Bot is currently connected. Stop it before re-pairing.',
    );
    await app.whatsapp.unlink();
    expect(app.whatsapp.state()).to.equal('unpaired');
    await phone.waitForLinkedDevices(0);
    expect(await app.db.em().count(WhatsappAuth, {})).to.equal(0);
    const row = await app.db.em().findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
    expect(row).to.include({ ownJid: null, isPaired: false });
  });

  it('cancels a pairing in progress', async () => {
    app = await startE2eApp(dir.path, sim);
    const qr = nextPairingEvent(app.whatsapp, 'qr');
    await app.whatsapp.startPairing({ method: 'qr' });
    await qr;
    const failed = nextPairingEvent(app.whatsapp, 'failed');
    await app.whatsapp.cancelPairing();
    expect((await failed).error).to.equal('Pairing cancelled');
    expect(app.whatsapp.state()).to.equal('unpaired');
  });
});
