import { expect } from 'chai';
import { ConfigError, isLoopbackWsUrl, loadConfig } from '../../../src/config.ts';
import { parseRateLimit } from '../../../src/config/rate-limit-spec.ts';
import { TEST_SECRETS } from '../../support/config.ts';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ ...TEST_SECRETS, ...env }, { cwd: '/srv/app' });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('applies the SPEC §2 defaults with only secrets given', () => {
    const config = loadConfig({ ...TEST_SECRETS }, { cwd: '/srv/app' });
    expect(config.host).to.equal('127.0.0.1');
    expect(config.port).to.equal(5055);
    expect(config.publicUrl).to.equal('http://127.0.0.1:5055');
    expect(config.secureCookies).to.equal(false);
    expect(config.databaseUrl).to.equal('sqlite:/srv/app/data/openalgo-whatsapp.db');
    expect(config.hostServer).to.equal('http://127.0.0.1:5000');
    expect(config.attachmentRoots).to.deep.equal(['/srv/app/data/attachments']);
    expect(config.notifyRateLimit).to.include({ limit: 30, windowMs: 60_000 });
    expect(config.messageRateLimit).to.include({ limit: 10, windowMs: 60_000 });
    expect(config.whatsappServerUrl).to.equal('wss://web.whatsapp.com/ws/chat');
    expect(config.whatsappServerRootKey).to.equal(null);
    expect(config.alertTtlSeconds).to.equal(900);
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('names the variable when PORT is not a port', () => {
    expect(problemsOf({ PORT: 'eighty' })).to.deep.equal([
      'PORT must be a whole number from 1 to 65535',
    ]);
    expect(problemsOf({ PORT: '70000' })).to.deep.equal(['PORT must be from 1 to 65535']);
  });

  it('names the variable when API_KEY_PEPPER is short', () => {
    expect(problemsOf({ API_KEY_PEPPER: 'short' })).to.deep.equal([
      'API_KEY_PEPPER must be at least 32 characters',
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const problems = problemsOf({
      PORT: 'x',
      FERNET_SALT: 'not-hex',
      WEBHOOK_SECRET: 'plain',
      LOG_LEVEL: 'loud',
      WHATSAPP_RATE_LIMIT: 'lots',
    });
    expect(problems.map((p) => p.split(' ')[0])).to.have.members([
      'PORT',
      'FERNET_SALT',
      'WEBHOOK_SECRET',
      'LOG_LEVEL',
      'WHATSAPP_RATE_LIMIT',
    ]);
  });

  it('refuses a simulator root key unless the server URL is loopback ws://', () => {
    const rootKey = 'ab'.repeat(32);
    const refused = problemsOf({
      WHATSAPP_SERVER_URL: 'wss://web.whatsapp.com/ws/chat',
      WHATSAPP_SERVER_ROOT_KEY: rootKey,
    });
    expect(refused[0]).to.match(/^WHATSAPP_SERVER_ROOT_KEY is refused/);
    expect(
      problemsOf({
        WHATSAPP_SERVER_URL: 'ws://10.0.0.5:9000/ws/chat',
        WHATSAPP_SERVER_ROOT_KEY: rootKey,
      }),
    ).to.have.length(1);
    const accepted = loadConfig(
      {
        ...TEST_SECRETS,
        WHATSAPP_SERVER_URL: 'ws://127.0.0.1:9000/ws/chat',
        WHATSAPP_SERVER_ROOT_KEY: rootKey,
      },
      { cwd: '/srv/app' },
    );
    expect(accepted.whatsappServerRootKey).to.equal(rootKey);
  });

  it('requires absolute attachment roots', () => {
    expect(problemsOf({ WHATSAPP_ATTACHMENT_ROOTS: '/srv/media, relative/dir' })).to.deep.equal([
      'WHATSAPP_ATTACHMENT_ROOTS must list absolute directories',
    ]);
    const config = loadConfig(
      { ...TEST_SECRETS, WHATSAPP_ATTACHMENT_ROOTS: '/srv/a, /srv/b,' },
      { cwd: '/x' },
    );
    expect(config.attachmentRoots).to.deep.equal(['/srv/a', '/srv/b']);
  });

  it('makes cookies Secure under an https PUBLIC_URL and records env-sourced names', () => {
    const config = loadConfig(
      { ...TEST_SECRETS, PUBLIC_URL: 'https://trade.example.com/' },
      { cwd: '/x' },
    );
    expect(config.secureCookies).to.equal(true);
    expect(config.publicUrl).to.equal('https://trade.example.com');
    expect(config.fromEnv.has('PUBLIC_URL')).to.equal(true);
    expect(config.fromEnv.has('HOST_SERVER')).to.equal(false);
  });

  it('parses OpenAlgo rate limit texts', () => {
    expect(parseRateLimit('30 per minute')).to.deep.equal({
      limit: 30,
      windowMs: 60_000,
      text: '30 per minute',
    });
    expect(parseRateLimit('5 per 1 second')?.windowMs).to.equal(1_000);
    expect(parseRateLimit('100/hour')?.limit).to.equal(100);
    expect(parseRateLimit('0 per minute')).to.equal(null);
    expect(parseRateLimit('fast')).to.equal(null);
  });

  it('recognises loopback WebSocket URLs only', () => {
    expect(isLoopbackWsUrl('ws://127.0.0.1:1234/ws/chat')).to.equal(true);
    expect(isLoopbackWsUrl('ws://localhost:1/x')).to.equal(true);
    expect(isLoopbackWsUrl('ws://[::1]:1/x')).to.equal(true);
    expect(isLoopbackWsUrl('wss://127.0.0.1:1/x')).to.equal(false);
    expect(isLoopbackWsUrl('ws://127.example.com/x')).to.equal(false);
    expect(isLoopbackWsUrl('not a url')).to.equal(false);
  });
});
