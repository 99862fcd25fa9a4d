import { expect } from 'chai';
import { admit, messageAgeMs } from '../../../src/commands/guards.ts';
import { allowListEntryJid, bareJid } from '../../../src/commands/jid.ts';
import type { InboundMessage, OwnerIdentity } from '../../../src/whatsapp/transport.ts';

const OWNER_PN = '919876543210@s.whatsapp.net';
const OWNER_LID = '123456789012345@lid';
const OLD_LID = '555555555555555@lid';
const FRIEND = '918888777766@s.whatsapp.net';
const identity: OwnerIdentity = {
  pnJid: OWNER_PN,
  lidJid: OWNER_LID,
  knownLids: [OWNER_LID, OLD_LID],
};
const selfChat = { mode: 'self_chat' as const, ownerPhones: [] };

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    id: 'M1',
    chatJid: OWNER_PN,
    chatJidAlt: null,
    senderJid: OWNER_PN,
    senderJidAlt: null,
    fromMe: true,
    text: '/status',
    sentAt: new Date(0),
    upsertType: 'notify',
    ...overrides,
  };
}

describe('command guards', () => {
  it('normalises JIDs: device suffix, case, c.us', () => {
    expect(bareJid('919876543210:12@s.whatsapp.net')).to.equal(OWNER_PN);
    expect(bareJid('919876543210@c.us')).to.equal(OWNER_PN);
    expect(bareJid('123456789012345:3@LID')).to.equal(OWNER_LID);
    expect(bareJid('nonsense')).to.equal(null);
    expect(allowListEntryJid('+91 98765 43210')).to.equal(OWNER_PN);
    expect(allowListEntryJid(OWNER_LID)).to.equal(OWNER_LID);
    expect(allowListEntryJid('12')).to.equal(null);
  });

  describe('self-chat mode', () => {
    it('admits the owner typing in their own chat, by PN, LID, earlier LID or alternate id', () => {
      for (const chat of [OWNER_PN, OWNER_LID, OLD_LID, '919876543210:7@s.whatsapp.net']) {
        expect(admit(message({ chatJid: chat }), identity, selfChat)).to.deep.equal({
          replyTo: { kind: 'self' },
        });
      }
      const viaAlt = message({ chatJid: '999@lid', chatJidAlt: OWNER_PN });
      expect(admit(viaAlt, identity, selfChat)).to.not.equal(null);
    });

    it('ignores the owner typing in a chat with someone else, or in a group', () => {
      expect(admit(message({ chatJid: FRIEND }), identity, selfChat)).to.equal(null);
      expect(admit(message({ chatJid: '1203630@g.us' }), identity, selfChat)).to.equal(null);
    });

    it('ignores messages not from the owner, non-commands, text-less messages and no identity', () => {
      expect(admit(message({ fromMe: false }), identity, selfChat)).to.equal(null);
      expect(admit(message({ text: 'hello /status' }), identity, selfChat)).to.equal(null);
      expect(admit(message({ text: null }), identity, selfChat)).to.equal(null);
      expect(admit(message(), null, selfChat)).to.equal(null);
    });
  });

  describe('dedicated-number mode', () => {
    const BOT = '917777000011@s.whatsapp.net';
    const botIdentity: OwnerIdentity = { pnJid: BOT, lidJid: null, knownLids: [] };
    const dedicated = {
      mode: 'dedicated_number' as const,
      ownerPhones: ['+91 98765 43210', OWNER_LID],
    };
    const fromOwner = (overrides: Partial<InboundMessage> = {}) =>
      message({ fromMe: false, chatJid: OWNER_PN, senderJid: OWNER_PN, ...overrides });

    it('admits allow-listed phones by PN or LID and replies in their chat', () => {
      expect(admit(fromOwner(), botIdentity, dedicated)).to.deep.equal({
        replyTo: { kind: 'jid', jid: OWNER_PN },
      });
      const byLid = fromOwner({ chatJid: OWNER_LID, senderJid: OWNER_LID });
      expect(admit(byLid, botIdentity, dedicated)).to.deep.equal({
        replyTo: { kind: 'jid', jid: OWNER_LID },
      });
    });

    it('ignores other senders, the bot itself and groups the owner is in', () => {
      expect(
        admit(fromOwner({ chatJid: FRIEND, senderJid: FRIEND }), botIdentity, dedicated),
      ).to.equal(null);
      expect(admit(fromOwner({ fromMe: true }), botIdentity, dedicated)).to.equal(null);
      expect(admit(fromOwner({ chatJid: '1203630@g.us' }), botIdentity, dedicated)).to.equal(null);
    });
  });

  it('measures message age against the clock, never negative', () => {
    const sentAt = new Date('2026-08-24T04:00:00Z');
    expect(messageAgeMs(message({ sentAt }), new Date('2026-08-24T04:03:12Z'))).to.equal(192_000);
    expect(messageAgeMs(message({ sentAt }), new Date('2026-08-24T03:59:00Z'))).to.equal(0);
  });
});
