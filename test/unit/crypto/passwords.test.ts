import assert from 'node:assert/strict';
import {
  hashPassword,
  validatePasswordStrength,
  verifyPassword,
} from '../../../src/crypto/passwords.ts';

describe('crypto/passwords', () => {
  it('hashes with argon2id at the OWASP parameters', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, /^\$argon2id\$v=19\$/);
    const params = new Map(
      (hash.split('$')[3] ?? '').split(',').map((pair) => pair.split('=') as [string, string]),
    );
    assert.deepEqual(Object.fromEntries(params), { m: '19456', t: '2', p: '1' });
    assert.ok(!hash.includes('correct horse battery'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.equal(await verifyPassword(hash, 'correct horse battery'), true);
    assert.equal(await verifyPassword(hash, 'correct horse batterY'), false);
  });

  it('salts every hash', async () => {
    assert.notEqual(await hashPassword('same password'), await hashPassword('same password'));
  });

  it('returns false, without throwing, for a malformed stored hash', async () => {
    const hash = await hashPassword('correct horse battery');
    for (const stored of ['', 'garbage', '$argon2id$v=19$broken', hash.slice(0, -10)]) {
      assert.equal(await verifyPassword(stored, 'correct horse battery'), false, stored);
    }
    assert.equal(await verifyPassword(null as unknown as string, 'x'), false);
  });

  it('explains in words why a password is too weak', () => {
    assert.match(validatePasswordStrength('123456789') ?? '', /at least 10 characters/);
    assert.equal(validatePasswordStrength('1234567890'), null);
    assert.match(validatePasswordStrength('x'.repeat(1025)) ?? '', /at most 1024/);
    assert.match(validatePasswordStrength(' '.repeat(12)) ?? '', /only spaces/);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.match(validatePasswordStrength('😀'.repeat(5)) ?? '', /at least 10/);
    assert.equal(validatePasswordStrength('😀'.repeat(10)), null);
  });
});
