import { expect } from 'chai';
import type { Server } from 'node:http';
import type { App } from '../../../src/app.ts';
import { startPhoneServer } from '../../../scripts/sandbox/phone-server.ts';
import { createPhoneState } from '../../../scripts/sandbox/phone-state.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { createEventSender, startHostSim, type HostSim } from '../../support/host-sim/index.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

describe('sandbox: the simulated phone page drives pairing, commands and alerts', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let host: HostSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;
  let page: Server;
  let base: string;

  const post = async (path: string, body: object = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { message: string };
  };

  beforeEach(async () => {
    sim = await startWaSim();
    host = await startHostSim();
    dir = makeTempDir();
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim, { env: { HOST_SERVER: host.url } });
    await app.settings.setOwnerUsername('trader1');
    await app.settings.setOwnerApiKey(host.apiKey);
    const server = await app.listen(0);
    const sidecar = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const sender = createEventSender({
      targetUrl: `${sidecar}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
    });
    page = await startPhoneServer(
      { app, phone, state: createPhoneState(app, phone), sender, adminUrl: `${sidecar}/whatsapp` },
      0,
    );
    base = `http://127.0.0.1:${(page.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    page.close();
    await app.close();
    await host.close();
    await sim.close();
    dir.cleanup();
  });

  it('scans the QR the admin side shows, then answers a typed command and shows an alert', async () => {
    expect((await post('/api/scan')).message).to.match(/No QR is showing/);
    const opened = waitForState(app.whatsapp, 'open');
    await app.whatsapp.startPairing({ method: 'qr' });
    await new Promise<void>((resolve) => {
      const off = app.whatsapp.onPairing((event) => {
        if (event.kind === 'qr') {
          off();
          resolve();
        }
      });
    });
    expect((await post('/api/scan')).message).to.match(/^Scanned/);
    await opened;
    await post('/api/say', { text: '/funds' });
    await phone.waitForMessage((m) => m.text?.startsWith('*Funds') === true);
    expect((await post('/api/event', { topic: 'order.placed' })).message).to.equal(
      'Host → sidecar: 202',
    );
    await phone.waitForMessage((m) => m.text?.startsWith('*Order Placed*') === true);
    const state = (await (await fetch(`${base}/api/state`)).json()) as {
      link: string;
      chat: Array<{ from: string; text: string }>;
    };
    expect(state.link).to.equal('open');
    expect(state.chat.some((line) => line.from === 'phone' && line.text === '/funds')).to.equal(
      true,
    );
    expect(
      state.chat.some((line) => line.from === 'sidecar' && line.text.startsWith('*Order Placed*')),
    ).to.equal(true);
  });
});
