import { expect } from 'chai';
import type { App } from '../../src/app.ts';
import { presentUnknownCommand } from '../../src/presenters/replies/index.ts';
import { uniqueById } from '../support/reliability/accounting.ts';
import { pairedRig, type PairedRig } from '../support/reliability/rig.ts';

const CONTACT = '918888777766';
const UNKNOWN = presentUnknownCommand(null);

describe('malformed WhatsApp inbound never upsets the dispatcher (real Baileys ↔ simulator)', function () {
  this.timeout(30_000);
  let rig: PairedRig & { app: App };
  const states: string[] = [];

  beforeEach(async () => {
    rig = await pairedRig();
    states.length = 0;
    rig.app.whatsapp.onStateChange((change) => states.push(change.state));
  });
  afterEach(() => rig.close());

  it('ignores or answers empty, huge, binary, media, unknown and foreign messages; /status still works', async () => {
    const { phone } = rig;
    // Into the self-chat: nothing to answer for non-commands, "unknown" for unknown commands.
    await phone.sendSelfText('');
    await phone.sendSelfText('x'.repeat(100_000));
    await phone.sendSelfText(`/${'a'.repeat(100_000)}`);
    await phone.sendSelfText('/');
    await phone.sendSelfText('/nonsense with args');
    await phone.sendSelfText('\u0000\u202e/status\ufffd💥\u0007');
    await phone.sendSelfText('\u0000'.repeat(1000), { addressing: 'lid' });
    await phone.sendSelfMedia({
      kind: 'image',
      data: Buffer.alloc(2048, 1),
      mimetype: 'image/png',
      caption: '/closeall',
    });
    await phone.sendSelfMedia({
      kind: 'document',
      data: Buffer.alloc(4096, 2),
      mimetype: 'application/octet-stream',
      fileName: '../../etc/passwd',
    });
    // From someone else: never a command, never answered.
    await phone.sendAsContact(CONTACT, '/status');
    await phone.sendAsContact(CONTACT, '/closeall 1234');
    await phone.sendAsContact(CONTACT, 'z'.repeat(100_000));
    await phone.sendAsContact(CONTACT, '');

    await phone.sendSelfText('/status');
    const status = await phone.waitForMessage((m) => m.text?.startsWith('*Status*') === true);
    expect(status.text).to.contain('WhatsApp link: open');
    // The three unknown commands ('/aaa…', '/', '/nonsense') are answered, nothing else is.
    const answered = new Set<string>();
    for (let reply = 0; reply < 3; reply += 1) {
      const unknown = await phone.waitForMessage((m) => m.text === UNKNOWN && !answered.has(m.id));
      answered.add(unknown.id);
    }
    const texts = uniqueById(phone.received).map((m) => m.text ?? m.kind);
    expect(texts.sort()).to.deep.equal([status.text, UNKNOWN, UNKNOWN, UNKNOWN].sort());
    expect(rig.sim.phone(CONTACT)?.received ?? []).to.have.length(0);
    expect(phone.failures).to.deep.equal([]);
    expect(states, 'the link never left open').to.deep.equal([]);
    expect(rig.app.whatsapp.state()).to.equal('open');
  });
});
