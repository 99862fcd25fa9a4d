import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadManifest, manifestProblems } from '../../../src/manifest.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('plugin manifest', () => {
  it('is valid against the schema kept in the repo', () => {
    const manifest = loadManifest();
    expect(manifestProblems(manifest)).to.deep.equal([]);
  });

  it('matches the package version and SPEC §11 entry points', () => {
    const manifest = loadManifest() as Record<string, any>;
    expect(manifest.id).to.equal('openalgo-whatsapp');
    expect(manifest.version).to.equal(pkg.version);
    expect(manifest.webhooks).to.include({
      url: '/webhooks/openalgo',
      signing: 'standard-webhooks',
    });
    expect(manifest.ui).to.deep.equal([
      { label: 'WhatsApp Bot', path: '/whatsapp', placement: 'profile-menu' },
    ]);
    expect(manifest.sso).to.deep.equal({ path: '/whatsapp/sso' });
    expect(manifest.api).to.deep.equal({
      notify: '/api/v1/whatsapp/notify',
      openapi: '/api/v1/whatsapp/openapi.json',
    });
    expect(manifest.health).to.deep.equal({ liveness: '/healthz', readiness: '/readyz' });
  });

  it('lists every SPEC §2 variable in its config section', () => {
    const names = (loadManifest().config as Array<{ name: string }>).map((entry) => entry.name);
    for (const name of [
      'HOST',
      'PORT',
      'PUBLIC_URL',
      'DATABASE_URL',
      'HOST_SERVER',
      'API_KEY_PEPPER',
      'FERNET_SALT',
      'WEBHOOK_SECRET',
      'WHATSAPP_ATTACHMENT_ROOTS',
      'WHATSAPP_RATE_LIMIT',
      'WHATSAPP_MESSAGE_RATE_LIMIT',
      'WHATSAPP_SERVER_URL',
      'WHATSAPP_SERVER_ROOT_KEY',
      'LOG_LEVEL',
      'LOG_FORMAT',
      'ALERT_TTL_SECONDS',
    ]) {
      expect(names, name).to.include(name);
    }
  });

  it('reports schema problems in words', () => {
    const problems = manifestProblems({ id: 'X', name: '' });
    expect(problems.length).to.be.greaterThan(0);
    expect(problems.join(' ')).to.match(/must have required property 'version'/);
  });
});
