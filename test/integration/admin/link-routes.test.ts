import { expect } from 'chai';
import { ValidationError } from '../../../src/errors.ts';
import { signIn, startAdmin, type AdminHarness } from './support.ts';

/** Waits until `check` passes (pairing view renders QR images asynchronously). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe('admin link routes: pair, status, start/stop, unlink (SPEC §7.3)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  let csrf: string;
  let agent: ReturnType<AdminHarness['agent']>;
  beforeEach(async () => {
    h = await startAdmin({ state: 'unpaired' });
    h.transport.setIdentity(null);
    agent = h.agent();
    csrf = await signIn(agent);
  });
  afterEach(() => h.close());
  const post = (path: string, body: object = {}) =>
    agent.post(path).set('X-CSRF-Token', csrf).send(body);

  it('starts QR pairing with OpenAlgo’s answer, then reports the QR as a PNG data URL', async () => {
    const started = await post('/whatsapp/pair', { phone: '' }).expect(200);
    expect(started.body).to.deep.include({
      status: 'success',
      message: 'Pairing started. Watch for QR or pair code.',
    });
    expect(started.body.data).to.include({
      status: 'starting',
      qr_data_url: null,
      pair_code: null,
      error: null,
    });
    expect(h.pairingRequests).to.deep.equal([{ method: 'qr' }]);
    h.emitPairing({ kind: 'qr', qr: '2@abc,def,ghi', expiresAt: new Date(Date.now() + 60_000) });
    const status = await eventually(
      async () =>
        (await agent.get('/whatsapp/pair/status').expect(200)).body.data as {
          status: string;
          qr_data_url: string | null;
        },
      (data) => data.status === 'awaiting_scan',
    );
    expect(status.qr_data_url).to.match(/^data:image\/png;base64,iVBORw0KGgo/);
    const page = await agent.get('/whatsapp/pairing').expect(200);
    expect(page.text).to.match(/<div class="qr" id="qr"[^>]*><svg[^>]*viewBox/);
  });

  it('pairs by code when phone digits are given, and shows the code', async () => {
    await post('/whatsapp/pair', { phone: '+91 98765 43210' }).expect(200);
    expect(h.pairingRequests).to.deep.equal([{ method: 'code', phoneNumber: '919876543210' }]);
    h.emitPairing({ kind: 'code', code: 'ABCD2345' });
    const status = (await agent.get('/whatsapp/pair/status')).body.data;
    expect(status).to.include({ status: 'awaiting_scan', pair_code: 'ABCD2345' });
    expect((await agent.get('/whatsapp/pairing')).text).to.include('ABCD-2345');
    const bad = await post('/whatsapp/pair', { phone: '12', method: 'code' });
    expect(bad.status).to.equal(400);
    expect(bad.body.message).to.match(/country code, 7 to 15 digits/);
  });

  it('reports a refused start (bot connected) as 400 with the pair_state', async () => {
    h.transport.startPairing = () =>
      Promise.reject(new ValidationError('Bot is currently connected. Stop it before re-pairing.'));
    const refused = await post('/whatsapp/pair', {});
    expect(refused.status).to.equal(400);
    expect(refused.body).to.include({
      status: 'error',
      message: 'Bot is currently connected. Stop it before re-pairing.',
    });
    expect(refused.body.data.status).to.equal('idle');
  });

  it('shows failure in words and success as paired', async () => {
    await post('/whatsapp/pair').expect(200);
    h.emitPairing({ kind: 'failed', error: 'Pairing timed out — please try again' });
    expect((await agent.get('/whatsapp/pair/status')).body.data).to.include({
      status: 'failed',
      error: 'Pairing timed out — please try again',
    });
    await post('/whatsapp/pair').expect(200);
    h.emitPairing({
      kind: 'paired',
      identity: { pnJid: '919876543210@s.whatsapp.net', lidJid: null, knownLids: [] },
    });
    const paired = (await agent.get('/whatsapp/pair/status')).body.data;
    expect(paired.status).to.equal('paired');
    expect(Date.parse(paired.paired_at)).to.be.closeTo(Date.now(), 5000);
  });

  it('starts, stops and reports the bot with OpenAlgo’s messages, and the real state', async () => {
    expect((await post('/whatsapp/bot/start')).body.message).to.equal(
      'Device not paired. Pair from /whatsapp first.',
    );
    h.transport.setIdentity({ pnJid: '919876543210@s.whatsapp.net', lidJid: null, knownLids: [] });
    h.transport.setState('stopped');
    expect((await post('/whatsapp/bot/start').expect(200)).body.message).to.equal('Bot started');
    expect((await post('/whatsapp/bot/start').expect(200)).body.message).to.equal(
      'Bot already running',
    );
    h.transport.setState('reconnecting');
    const status = (await agent.get('/whatsapp/bot/status').expect(200)).body.data;
    expect(status).to.include({
      is_running: true,
      is_paired: true,
      state: 'reconnecting',
      state_label: 'Reconnecting',
      own_phone: '919876543210',
    });
    expect((await post('/whatsapp/bot/stop').expect(200)).body.message).to.equal('Bot stopped');
    expect((await post('/whatsapp/bot/stop').expect(200)).body.message).to.equal(
      'Bot is not running',
    );
    const dashboard = await agent.get('/whatsapp').expect(200);
    expect(dashboard.text).to.include('data-badge>Stopped<').and.include('+91******3210');
    expect(dashboard.text).to.not.include('919876543210');
  });

  it('unlinks (WhatsApp-side logout through the transport) and resets the pairing state', async () => {
    h.transport.setIdentity({ pnJid: '919876543210@s.whatsapp.net', lidJid: null, knownLids: [] });
    h.transport.setState('open');
    const response = await post('/whatsapp/unlink').expect(200);
    expect(response.body).to.deep.equal({ status: 'success', message: 'Device unlinked' });
    expect(h.transport.identity()).to.equal(null);
    expect(h.transport.state()).to.equal('unpaired');
    const config = (await agent.get('/whatsapp/config')).body.data;
    expect(config.config).to.include({ is_paired: false, state: 'unpaired' });
    expect(config.pair_state.status).to.equal('idle');
  });

  it('gives every state its own words on the dashboard', async () => {
    h.transport.setIdentity({ pnJid: '919876543210@s.whatsapp.net', lidJid: null, knownLids: [] });
    const seen = new Set<string>();
    for (const state of [
      'pairing',
      'connecting',
      'open',
      'degraded',
      'reconnecting',
      'logged_out',
      'replaced',
      'forbidden',
      'stopped',
      'unpaired',
    ] as const) {
      h.transport.setState(state);
      const text = (await agent.get('/whatsapp').expect(200)).text;
      const badge = /<span class="badge tone-(\w+)" data-badge>([^<]+)</.exec(text)!;
      seen.add(badge[2]!);
      if (state === 'open') expect(badge.slice(1)).to.deep.equal(['ok', 'Connected']);
      if (state === 'degraded') expect(badge[1]).to.equal('warn');
      if (state === 'logged_out') expect(badge[1]).to.equal('bad');
    }
    expect(seen.size).to.equal(10);
  });
});
