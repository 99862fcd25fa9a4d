import { expect } from 'chai';
import { defaultFixtures, withNumberStyle } from '../../support/host-sim/index.ts';
import { OWNER_PN } from '../../support/fake-transport.ts';
import { startHarness, type Harness } from './harness.ts';

const DATA_COMMANDS = ['/orderbook', '/tradebook', '/positions', '/holdings', '/funds', '/pnl'];

describe('data commands against the host simulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('answers /funds in live mode in the owner chat, from the host over HTTP', async () => {
    const replies = await h.command('/funds');
    expect(replies).to.deep.equal([
      [
        '*Funds*',
        '```',
        'Available cash    320.66',
        'Collateral          0.00',
        'Used margin       679.34',
        'Realised P&L       +3.27',
        'Unrealised P&L     -7.88',
        '```',
      ].join('\n'),
    ]);
    expect(h.transport.sent[0]?.to).to.deep.equal({ kind: 'self' });
    expect(h.transport.sent[0]?.jid).to.equal(OWNER_PN);
    const request = h.sim.requests.at(-1);
    expect(request?.endpoint).to.equal('funds');
    expect(request?.body).to.deep.equal({ apikey: '<redacted>' });
  });

  it('answers /pnl from funds (realised + unrealised)', async () => {
    const [reply] = await h.command('/PNL');
    expect(reply).to.contain('Total              -4.61');
    expect(h.sim.requests.map((r) => r.endpoint)).to.deep.equal(['funds']);
  });

  it('marks every data reply in analyze mode and never in live mode', async () => {
    for (const command of DATA_COMMANDS) {
      const [live] = await h.command(command);
      expect(live, command).to.not.contain('ANALYZE MODE');
    }
    h.sim.setMode('analyze');
    for (const command of DATA_COMMANDS) {
      const [analyze] = await h.command(command);
      expect(analyze?.split('\n')[0], command).to.contain('ANALYZE MODE');
    }
    const [positions] = await h.command('/positions');
    expect(positions).to.contain('*Total P&L +19.30*');
  });

  for (const mode of ['live', 'analyze'] as const) {
    it(`renders the same whether the host sends strings or numbers (${mode})`, async () => {
      h.sim.setMode(mode);
      h.sim.setFixtures(mode, withNumberStyle(defaultFixtures(mode), 'strings'));
      const asStrings = [];
      for (const command of DATA_COMMANDS) asStrings.push(...(await h.command(command)));
      h.sim.setFixtures(mode, withNumberStyle(defaultFixtures(mode), 'numbers'));
      const asNumbers = [];
      for (const command of DATA_COMMANDS) asNumbers.push(...(await h.command(command)));
      expect(asStrings).to.have.length(DATA_COMMANDS.length);
      expect(asStrings).to.deep.equal(asNumbers);
    });
  }

  it('/quote: default exchange, explicit exchange, usage errors, unknown symbol', async () => {
    const [reliance] = await h.command('/quote reliance');
    expect(reliance).to.contain('*RELIANCE* NSE');
    expect(reliance).to.contain('Change         +22.05 (+1.89%)');
    expect(h.sim.requests.at(-1)?.body).to.deep.include({ symbol: 'RELIANCE', exchange: 'NSE' });
    const [nifty] = await h.command('/quote nifty nse_index');
    expect(nifty).to.match(/^LTP +22,535\.85$/m);
    const calls = h.sim.requests.length;
    expect(await h.command('/quote')).to.deep.equal(['Usage: /quote <symbol> [exchange]']);
    const [badExchange] = await h.command('/quote SBIN NYSE');
    expect(badExchange).to.match(/^Unknown exchange "NYSE"/);
    expect(h.sim.requests.length, 'usage errors never reach the host').to.equal(calls);
    const [unknown] = await h.command('/quote NOSUCH');
    expect(unknown).to.equal(
      "OpenAlgo said: Symbol 'NOSUCH' not found for exchange 'NSE'. Please verify the symbol name and ensure master contracts are downloaded.",
    );
  });

  it('/mode comes from the host analyzer endpoint', async () => {
    expect((await h.command('/mode'))[0]).to.contain('*LIVE*');
    h.sim.setMode('analyze');
    expect((await h.command('/mode'))[0]).to.contain('ANALYZE MODE');
    expect(h.sim.requests.map((r) => r.endpoint)).to.deep.equal(['analyzer', 'analyzer']);
  });

  it('/status reports the real link state, masked number, owner and mode without the host', async () => {
    // Degraded: the link still carries messages, but the watchdog has doubts; /status says so.
    h.transport.setState('degraded', 'test');
    const [reply] = await h.command('/status');
    expect(reply).to.match(/WhatsApp link: degraded \(since /);
    expect(reply).to.contain('Paired number: +91******3210');
    expect(reply).to.not.contain('9876543210');
    expect(reply).to.contain('Owner: trader1');
    expect(reply).to.contain('Mode: self-chat');
    expect(h.sim.requests).to.have.length(0);
  });

  it('/help, /start and /menu list every command', async () => {
    const [help] = await h.command('/help');
    expect(await h.command('/start')).to.deep.equal([help]);
    expect(await h.command('//MENU')).to.deep.equal([help]);
    for (const name of [
      'status',
      'orderbook',
      'quote <symbol> [exchange]',
      'closeall',
      'mute [30m|2h|today]',
      'alerts',
    ]) {
      expect(help).to.contain(`/${name}`);
    }
  });

  it('/mute, /alerts and /unmute change and show the owner preferences', async () => {
    const [muted] = await h.command('/mute 2h');
    expect(muted).to.match(/^Alerts muted until 11:30 \(Asia\/Kolkata\)/);
    const prefs = await h.settings.getOwnerPreferences();
    expect(prefs.mutedUntil?.toISOString()).to.equal('2026-08-24T06:00:00.000Z');
    expect((await h.command('/alerts'))[0]).to.contain('Muted: until 11:30');
    expect(await h.command('/unmute')).to.deep.equal(['Alerts are on again.']);
    expect((await h.settings.getOwnerPreferences()).mutedUntil).to.equal(null);
    expect(await h.command('/mute forever')).to.have.length(1);
    expect((await h.settings.getOwnerPreferences()).mutedUntil).to.equal(null);
    await h.command('/mute today');
    expect((await h.settings.getOwnerPreferences()).mutedUntil?.toISOString()).to.equal(
      '2026-08-24T18:30:00.000Z',
    );
    await h.command('/mute');
    expect((await h.settings.getOwnerPreferences()).mutedUntil?.toISOString()).to.equal(
      '2026-08-24T05:00:00.000Z',
    );
  });
});
