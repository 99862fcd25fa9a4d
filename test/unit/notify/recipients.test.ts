import { expect } from 'chai';
import { AppError } from '../../../src/errors.ts';
import {
  checkRecipientForm,
  MAX_PHONES,
  phoneToJid,
  recipientForms,
  resolveRecipients,
} from '../../../src/notify/recipients.ts';

const noUsers = () => Promise.resolve(null);

/** Runs `fn` and returns the AppError it threw (fails the test when it did not throw one). */
async function thrown(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('notify recipients', () => {
  describe('phoneToJid', () => {
    it('strips non-digits and keeps 7 to 15 digits', () => {
      expect(phoneToJid('+91 98765-43210')).to.equal('919876543210@s.whatsapp.net');
      expect(phoneToJid('1234567')).to.equal('1234567@s.whatsapp.net');
      expect(phoneToJid('123456789012345')).to.equal('123456789012345@s.whatsapp.net');
      expect(phoneToJid('123456')).to.equal(null);
      expect(phoneToJid('1234567890123456')).to.equal(null);
      expect(phoneToJid('')).to.equal(null);
    });

    it('accepts integers and refuses floats, booleans, objects and unsafe integers', () => {
      expect(phoneToJid(919876543210)).to.equal('919876543210@s.whatsapp.net');
      expect(phoneToJid(9198765432.5)).to.equal(null);
      expect(phoneToJid(true)).to.equal(null);
      expect(phoneToJid({ phone: '919876543210' })).to.equal(null);
      expect(phoneToJid(['919876543210'])).to.equal(null);
      expect(phoneToJid(2 ** 60)).to.equal(null);
    });
  });

  describe('recipient forms', () => {
    it('treats self:false, empty strings and empty lists as absent', () => {
      expect(recipientForms({ self: false, username: '', phone: '', phones: [] })).to.deep.equal(
        [],
      );
      expect(recipientForms({ self: true, phone: 0 })).to.deep.equal(['self', 'phone']);
    });

    it('requires exactly one form', async () => {
      const message = "Specify exactly one of: 'self', 'username', 'phone', or 'phones'";
      expect((await thrown(() => checkRecipientForm({}))).message).to.equal(message);
      const two = await thrown(() => checkRecipientForm({ username: 'a', phones: ['1234567'] }));
      expect(two).to.include({ status: 400, message });
      expect(checkRecipientForm({ username: 'a' })).to.equal('username');
    });
  });

  describe('resolveRecipients', () => {
    it(`considers only the first ${MAX_PHONES} phones and counts the rest as skipped`, async () => {
      const phones = [
        '9100000001',
        '9100000002',
        '9100000003',
        '9100000004',
        'x',
        '9100000006',
        '9100000007',
      ];
      const resolved = await resolveRecipients({ phones }, noUsers);
      expect(resolved.skipped).to.equal(2);
      expect(resolved.recipients.map((r) => (r.kind === 'jid' ? r.jid : r.kind))).to.deep.equal(
        ['9100000001', '9100000002', '9100000003', '9100000004'].map((p) => `${p}@s.whatsapp.net`),
      );
    });

    it('refuses a list with no valid phone among the first 5', async () => {
      const error = await thrown(() =>
        resolveRecipients({ phones: [1, 2, 3, 4, 5, '919876543210'] }, noUsers),
      );
      expect(error).to.include({ status: 400, message: 'No valid phones in list' });
    });

    it('refuses one invalid phone', async () => {
      const error = await thrown(() => resolveRecipients({ phone: '12-34' }, noUsers));
      expect(error).to.include({ status: 400, message: 'Invalid phone number' });
    });

    it('resolves a username through the lookup, 404 when it finds nothing', async () => {
      const lookup = (name: string) =>
        Promise.resolve(name === 'alice' ? '918888@s.whatsapp.net' : null);
      expect(await resolveRecipients({ username: 'alice' }, lookup)).to.deep.equal({
        recipients: [{ kind: 'jid', jid: '918888@s.whatsapp.net' }],
        skipped: 0,
      });
      const error = await thrown(() => resolveRecipients({ username: 'bob' }, lookup));
      expect(error).to.include({
        status: 404,
        message: 'Username not found or not linked to WhatsApp',
      });
    });

    it('resolves self to the owner chat', async () => {
      expect(await resolveRecipients({ self: true }, noUsers)).to.deep.equal({
        recipients: [{ kind: 'self' }],
        skipped: 0,
      });
    });
  });
});
