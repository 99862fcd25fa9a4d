import { expect } from 'chai';
import { ALL_COMMANDS, defineCommand } from '../../../src/commands/index.ts';
import type { Order } from '../../../src/host/types.ts';
import { OWNER_LID, OWNER_PN } from '../../support/fake-transport.ts';
import { startHarness, type Harness } from './harness.ts';

const FRIEND = '918888777766@s.whatsapp.net';
const MARKER = 'zq-private-marker-7731';

describe('command dispatcher (SQLite, fake transport, host simulator)', () => {
  let h: Harness;
  afterEach(() => h.close());

  describe('who may command', () => {
    beforeEach(async () => {
      h = await startHarness();
    });

    it('ignores commands typed in a chat with another contact: no reply, no row, no log of it', async () => {
      expect(await h.command(`/positions ${MARKER}`, { chatJid: FRIEND })).to.deep.equal([]);
      expect(
        await h.command(`/positions ${MARKER}`, {
          fromMe: false,
          chatJid: FRIEND,
          senderJid: FRIEND,
        }),
      ).to.deep.equal([]);
      expect(await h.command(`/positions ${MARKER}`, { fromMe: false })).to.deep.equal([]);
      expect(await h.auditRows()).to.have.length(0);
      expect(h.sim.requests).to.have.length(0);
      expect(h.logText()).to.not.contain(MARKER);
      expect(h.logText()).to.not.contain('8888777766');
    });

    it('answers in the own chat addressed by LID too, and ignores plain notes to self', async () => {
      expect(await h.command('/mode', { chatJid: OWNER_LID, senderJid: OWNER_LID })).to.have.length(
        1,
      );
      expect(await h.command(`buy milk ${MARKER}`)).to.deep.equal([]);
      expect(h.logText()).to.not.contain(MARKER);
    });

    it('ignores everything before the owner identity is known', async () => {
      h.transport.setIdentity(null);
      expect(await h.command('/help')).to.deep.equal([]);
    });

    it('never answers its own replies (echo guard)', async () => {
      await h.command('/help');
      const ownId = h.transport.sent[0]?.receipt.messageId ?? '';
      expect(await h.command('/help', { id: ownId })).to.deep.equal([]);
    });
  });

  describe('commands replayed before the link is open', () => {
    it('the reply waits for the link to open, then goes out', async () => {
      h = await startHarness();
      h.transport.setState('connecting');
      const delivered = h.command('/mode', { upsertType: 'append' });
      // The host answers first; the reply is held until the link opens.
      while (h.sim.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(h.transport.sent).to.have.length(0);
      h.transport.setState('open');
      expect(await delivered).to.have.length(1);
    });

    it('a link that never opens drops the reply after the bound, without throwing', async () => {
      h = await startHarness({ service: { sendWaitMs: 50 } });
      h.transport.setState('connecting');
      expect(await h.command('/help')).to.deep.equal([]);
      expect(h.logText()).to.contain('command reply dropped');
      expect((await h.auditRows())[0]?.outcome).to.equal('ok');
    });
  });

  describe('dedicated-number mode', () => {
    const BOT = '917777000011@s.whatsapp.net';
    beforeEach(async () => {
      h = await startHarness();
      h.transport.setIdentity({ pnJid: BOT, lidJid: null, knownLids: [] });
      await h.settings.setMode('dedicated_number', ['+91 98765 43210']);
    });

    it('accepts only allow-listed phones, replying to their chat', async () => {
      const replies = await h.command('/mode', {
        fromMe: false,
        chatJid: OWNER_PN,
        senderJid: OWNER_PN,
      });
      expect(replies).to.have.length(1);
      expect(h.transport.sent[0]?.to).to.deep.equal({ kind: 'jid', jid: OWNER_PN });
      expect(
        await h.command('/mode', { fromMe: false, chatJid: FRIEND, senderJid: FRIEND }),
      ).to.deep.equal([]);
      expect(
        await h.command('/mode', { fromMe: true, chatJid: BOT, senderJid: BOT }),
      ).to.deep.equal([]);
      expect((await h.auditRows()).map((r) => r.whatsappJid)).to.deep.equal([OWNER_PN]);
    });
  });

  describe('parsing, limits, errors and the audit log', () => {
    beforeEach(async () => {
      const boom = defineCommand({
        name: 'boom',
        description: 'throws',
        handler: () => Promise.reject(new Error(`kaput ${MARKER}`)),
      });
      h = await startHarness({ service: { commands: [...ALL_COMMANDS, boom] } });
    });

    it('unknown commands get the list hint and a close suggestion, and no audit row', async () => {
      expect(await h.command('/postions')).to.deep.equal([
        'Unknown command. Send /help for the list. Did you mean /positions?',
      ]);
      expect(await h.command('/xyzzy')).to.deep.equal([
        'Unknown command. Send /help for the list.',
      ]);
      expect(await h.auditRows()).to.have.length(0);
    });

    it('allows 20 commands a minute, then one slow-down reply, then silence', async () => {
      const replies: string[] = [];
      for (let i = 0; i < 23; i += 1) replies.push(...(await h.command('/help')));
      expect(replies).to.have.length(21);
      expect(replies[20]).to.equal('Slow down: at most 20 commands a minute.');
      expect(await h.auditRows()).to.have.length(20);
      h.advance(60_000);
      expect((await h.command('/help'))[0]).to.match(/^\*OpenAlgo WhatsApp Bot\*/);
    });

    it('an unexpected error becomes a reference; the detail is logged under it', async () => {
      const [reply] = await h.command('/boom');
      const ref = /^Something went wrong \(ref ([0-9a-f]{8})\)$/.exec(reply ?? '')?.[1] ?? '';
      expect(ref).to.have.length(8);
      const line =
        h
          .logText()
          .split('\n')
          .find((l) => l.includes(`"ref":"${ref}"`)) ?? '';
      expect(line).to.contain('kaput');
      const [row] = await h.auditRows();
      expect(row).to.deep.include({ command: 'boom', outcome: 'error', errorRef: ref });
    });

    it('a failed reply send never throws out of the subscriber', async () => {
      h.transport.failNextSends(1);
      expect(await h.command('/help')).to.deep.equal([]);
      expect((await h.auditRows())[0]?.outcome).to.equal('ok');
    });

    it('writes one audit row per known command with redacted arguments', async () => {
      await h.command('/quote SBIN NSE apikey=abc123 token t0k3n --password:pw1 KEY k3y');
      const [row] = await h.auditRows();
      expect(row).to.deep.include({ whatsappJid: OWNER_PN, command: 'quote', outcome: 'ok' });
      expect(row?.parameters).to.deep.equal({
        args: [
          'SBIN',
          'NSE',
          'apikey=<redacted>',
          'token',
          '<redacted>',
          '--password:<redacted>',
          'KEY',
          '<redacted>',
        ],
      });
      expect(row?.executedAt.toISOString()).to.equal(h.now().toISOString());
      expect(row?.durationMs).to.be.a('number');
      expect(JSON.stringify(row)).to.not.match(/abc123|t0k3n|pw1|k3y/);
    });

    it('splits a long orderbook into numbered parts on line boundaries', async () => {
      const orders: Order[] = Array.from({ length: 120 }, (_, i) => ({
        action: i % 2 === 0 ? 'BUY' : 'SELL',
        exchange: 'NSE',
        order_status: 'complete',
        orderid: String(250408000000000 + i),
        price: 100 + i,
        pricetype: 'LIMIT',
        product: 'MIS',
        quantity: i + 1,
        symbol: `SYM${String(i).padStart(3, '0')}`,
        timestamp: '2025-04-08 13:58:03',
        trigger_price: 0,
      }));
      const statistics = {
        total_buy_orders: 60,
        total_completed_orders: 120,
        total_open_orders: 0,
        total_rejected_orders: 0,
        total_sell_orders: 60,
      };
      h.sim.setFixture('orderbook', { orders, statistics });
      const parts = await h.command('/orderbook');
      expect(parts.length).to.be.within(2, 4);
      parts.forEach((part, i) => {
        expect(part.startsWith(`(${i + 1}/${parts.length})\n`)).to.equal(true);
        expect(part.length).to.be.at.most(3500);
      });
      const all = parts.join('\n');
      for (const order of orders) {
        expect(all).to.match(
          new RegExp(`^\\[OK\\] ${order.action} ${order.symbol} +${String(order.quantity)}$`, 'm'),
        );
      }
      expect(parts.at(-1)).to.match(/Buy 60 · Sell 60 · Done 120/);
    });
  });
});
