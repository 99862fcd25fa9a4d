import { expect } from 'chai';
import {
  hashPassword,
  validatePasswordStrength,
  verifyPassword,
} from '../../../src/crypto/passwords.ts';

describe('crypto/passwords', () => {
  it('hashes with argon2id at the OWASP parameters', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).to.match(/^\$argon2id\$v=19\$/);
    const params = new Map(
      (hash.split('$')[3] ?? '').split(',').map((pair) => pair.split('=') as [string, string]),
    );
    expect(Object.fromEntries(params)).to.deep.equal({ m: '19456', t: '2', p: '1' });
    expect(hash).to.not.include('correct horse battery');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword(hash, 'correct horse battery')).to.equal(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).to.equal(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).to.not.equal(await hashPassword('same password'));
  });

  it('returns false, without throwing, for a malformed stored hash', async () => {
    const hash = await hashPassword('correct horse battery');
    for (const stored of ['', 'garbage', '$argon2id$v=19$broken', hash.slice(0, -10)]) {
      expect(await verifyPassword(stored, 'correct horse battery'), stored).to.equal(false);
    }
    expect(await verifyPassword(null as unknown as string, 'x')).to.equal(false);
  });

  it('explains in words why a password is too weak', () => {
    expect(validatePasswordStrength('123456789') ?? '').to.match(/at least 10 characters/);
    expect(validatePasswordStrength('1234567890')).to.equal(null);
    expect(validatePasswordStrength('x'.repeat(1025)) ?? '').to.match(/at most 1024/);
    expect(validatePasswordStrength(' '.repeat(12)) ?? '').to.match(/only spaces/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validatePasswordStrength('😀'.repeat(5)) ?? '').to.match(/at least 10/);
    expect(validatePasswordStrength('😀'.repeat(10))).to.equal(null);
  });
});
