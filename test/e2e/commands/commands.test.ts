import { expect } from 'chai';
import type { App } from '../../../src/app.ts';
import { CommandLog } from '../../../src/db/index.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { startHostSim, type HostSim } from '../../support/host-sim/index.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

describe('slash-commands end to end (phone → real Baileys link → host simulator → phone)', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let host: HostSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;

  const start = async () => {
    // createApp wires the command dispatcher onto the real link itself.
    app = await startE2eApp(dir.path, sim, { env: { HOST_SERVER: host.url } });
  };
  /** Replies already returned by `ask`, so the same text twice is told apart. */
  const consumed = new Set<string>();
  /** Types `text` in the self-chat and waits for the next reply starting with `prefix`. */
  const ask = async (text: string, prefix: string) => {
    await phone.sendSelfText(text);
    const reply = await phone.waitForMessage(
      (m) => !consumed.has(m.id) && m.text?.startsWith(prefix) === true,
    );
    consumed.add(reply.id);
    return reply.text ?? '';
  };

  beforeEach(async () => {
    consumed.clear();
    sim = await startWaSim();
    host = await startHostSim();
    dir = makeTempDir();
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    await start();
    await pairByQr(app, phone);
    await app.settings.setOwnerApiKey(host.apiKey);
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await host.close();
    dir.cleanup();
  });

  it('answers /funds typed in the self-chat, decrypted by the phone', async () => {
    const reply = await ask('/funds', '*Funds*');
    expect(reply).to.contain('Available cash    320.66');
    expect(host.requests.map((r) => r.endpoint)).to.deep.equal(['funds']);
  });

  it('confirms /closeall with the code and closes exactly once', async () => {
    const preview = await ask('/closeall', '*Close all positions?*');
    const code = /\/closeall (\d{4})\*/.exec(preview)?.[1] ?? '';
    const result = await ask(`/closeall ${code}`, '*Close all*');
    expect(result).to.equal('*Close all* · LIVE\nAll Open Positions Squared Off');
    expect(host.requests.filter((r) => r.endpoint === 'closeposition')).to.have.length(1);
  });

  it('ignores a command sent by another contact and records nothing for it', async () => {
    await phone.sendAsContact('918888777766', '/positions');
    await ask('/help', '*OpenAlgo WhatsApp Bot*');
    expect(phone.received.filter((m) => m.text?.startsWith('*Positions*'))).to.have.length(0);
    const rows = await app.db.em().find(CommandLog, {});
    expect(rows.map((r) => r.command)).to.deep.equal(['help']);
    expect(host.requests).to.have.length(0);
  });

  it('refuses a /closeall typed while offline and replayed minutes later, saying its age', async () => {
    await app.close();
    const typedAt = Math.floor(Date.now() / 1000) - 200;
    await phone.sendSelfText('/closeall 1234', { offline: true, timestampSec: typedAt });
    await start();
    await waitForState(app.whatsapp, 'open');
    const reply = await phone.waitForMessage((m) => m.text?.startsWith('That /closeall') === true);
    expect(reply.text).to.match(/^That \/closeall was sent 3m2\ds ago, so I did not run it\./);
    expect(host.requests).to.have.length(0);
  });
});
