import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { AuthError } from '../../../src/errors.ts';
import { deriveSsoKey, signSsoToken, verifySsoToken } from '../../../src/crypto/sso-token.ts';

/** Known answers computed on this machine with Python's hmac/base64/json (compact separators). */
const WEBHOOK_SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const SSO_KEY_HEX = 'c8fa1f081d4aa4e31ab18c45ac8fa371a2826d671749696c9281e76bf4b0eb3d';
const PYTHON_TOKEN =
  'eyJzdWIiOiJhZG1pbiIsImV4cCI6MTcwMDAwMDA2MCwianRpIjoiYWJjMTIzIn0.' +
  'e0cdC6L1E1tqohF8bFdz9IeVQxysP6IMiWKWUkU_gUA';
const NOW = 1_700_000_000;
const KEY = Buffer.from(SSO_KEY_HEX, 'hex');

/** Signs an arbitrary payload text the way the host would, to test claim parsing. */
function signRaw(payloadJson: string): string {
  const payload = Buffer.from(payloadJson, 'utf8').toString('base64url');
  const signature = createHmac('sha256', KEY).update(payload).digest('base64url');
  return `${payload}.${signature}`;
}

function assertSsoRejected(token: string, now = NOW, pattern?: RegExp): void {
  let caught: unknown;
  try {
    verifySsoToken(KEY, token, now);
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(AuthError);
  const error = caught as AuthError;
  expect(error.status).to.equal(401);
  expect(error.code).to.equal('sso_invalid');
  if (pattern !== undefined) expect(error.message).to.match(pattern);
}

describe('crypto/sso-token', () => {
  it('derives the SSO key as HMAC-SHA256(decoded webhook secret, "sso")', () => {
    expect(deriveSsoKey(WEBHOOK_SECRET).toString('hex')).to.equal(SSO_KEY_HEX);
  });

  it('refuses to derive from a malformed webhook secret', () => {
    expect(() => deriveSsoKey('not-a-secret')).to.throw(RangeError);
  });

  it('signs exactly as the host (Python) does and verifies its tokens', () => {
    const claims = { sub: 'admin', exp: NOW + 60, jti: 'abc123' };
    expect(signSsoToken(KEY, claims)).to.equal(PYTHON_TOKEN);
    expect(verifySsoToken(KEY, PYTHON_TOKEN, NOW)).to.deep.equal(claims);
  });

  it('round-trips non-ASCII usernames', () => {
    const claims = { sub: 'राहुल', exp: NOW + 30, jti: 'j-1' };
    expect(verifySsoToken(KEY, signSsoToken(KEY, claims), NOW)).to.deep.equal(claims);
  });

  it('rejects a bad signature, another key, or an altered payload', () => {
    const token = signSsoToken(KEY, { sub: 'admin', exp: NOW + 30, jti: 'j' });
    const [payload = '', signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    assertSsoRejected(`${payload}.${flipped}`, NOW, /signature/);
    const forged = signSsoToken(Buffer.alloc(32, 9), { sub: 'admin', exp: NOW + 30, jti: 'j' });
    assertSsoRejected(forged, NOW, /signature/);
    const otherPayload = signSsoToken(KEY, { sub: 'root', exp: NOW + 30, jti: 'j' }).split('.')[0];
    assertSsoRejected(`${otherPayload}.${signature}`, NOW, /signature/);
  });

  it('enforces expiry and the 60-second horizon at their boundaries', () => {
    const at = (exp: number): string => signSsoToken(KEY, { sub: 'a', exp, jti: 'j' });
    expect(verifySsoToken(KEY, at(NOW + 1), NOW).exp).to.equal(NOW + 1);
    assertSsoRejected(at(NOW), NOW, /expired/);
    assertSsoRejected(at(NOW - 100), NOW, /expired/);
    expect(verifySsoToken(KEY, at(NOW + 60), NOW).exp).to.equal(NOW + 60);
    assertSsoRejected(at(NOW + 61), NOW, /too far/);
  });

  it('rejects malformed tokens', () => {
    const good = signSsoToken(KEY, { sub: 'a', exp: NOW + 30, jti: 'j' });
    const malformed = [
      '',
      'no-dot',
      `${good}.extra`,
      `${good}=`,
      `${good.split('.')[0]}.`,
      `.${good.split('.')[1]}`,
      null as unknown as string,
    ];
    for (const token of malformed) assertSsoRejected(token);
  });

  it('rejects validly signed payloads with missing or mistyped claims', () => {
    const payloads = [
      'not json',
      'null',
      '[]',
      JSON.stringify({ exp: NOW + 30, jti: 'j' }),
      JSON.stringify({ sub: '', exp: NOW + 30, jti: 'j' }),
      JSON.stringify({ sub: 'a', exp: NOW + 30 }),
      JSON.stringify({ sub: 'a', exp: String(NOW + 30), jti: 'j' }),
      JSON.stringify({ sub: 'a', exp: NOW + 30.5, jti: 'j' }),
      JSON.stringify({ sub: 'a'.repeat(257), exp: NOW + 30, jti: 'j' }),
    ];
    for (const payload of payloads) assertSsoRejected(signRaw(payload), NOW, /malformed/);
  });
});
