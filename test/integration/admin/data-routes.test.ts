import { expect } from 'chai';
import { CommandLog, OutboxMessage, Setting, WhatsappUser } from '../../../src/db/index.ts';
import { HostApiError } from '../../../src/errors.ts';
import { TEST_MESSAGE } from '../../../src/admin/messaging.ts';
import { TEST_SECRETS } from '../../support/config.ts';
import { signIn, startAdmin, type AdminHarness } from './support.ts';

async function session(h: AdminHarness) {
  const agent = h.agent();
  const csrf = await signIn(agent);
  const post = (path: string, body: object = {}) =>
    agent.post(path).set('X-CSRF-Token', csrf).send(body);
  return { agent, csrf, post };
}

describe('admin settings routes (SPEC §7.2, §7.3)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  const verified: Array<[string, string]> = [];
  beforeEach(async () => {
    verified.length = 0;
    h = await startAdmin({
      admin: {
        verifyKey: (host, key) => {
          verified.push([host, key]);
          return key === 'good-key-0001'
            ? Promise.resolve()
            : Promise.reject(
                new HostApiError('invalid_key', 'Invalid API key', { hostStatus: 403 }),
              );
        },
      },
    });
  });
  afterEach(() => h.close());

  it('round-trips every setting through POST/GET /whatsapp/config, the key write-only', async () => {
    const { agent, post } = await session(h);
    const saved = await post('/whatsapp/config', {
      owner_username: 'trader1',
      host_server: 'http://10.0.0.5:5000/',
      owner_api_key: 'good-key-0001',
      mode: 'dedicated_number',
      owner_phones: ['+91 98111 22233'],
      trade_notifications: true,
      timezone: 'Europe/London',
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
      broadcast_enabled: false,
      rate_limit_per_minute: 500,
    }).expect(200);
    expect(saved.body).to.deep.equal({ status: 'success', message: 'Configuration updated' });
    expect(verified).to.deep.equal([['http://10.0.0.5:5000', 'good-key-0001']]);
    const config = (await agent.get('/whatsapp/config').expect(200)).body.data.config;
    expect(config).to.include({
      owner_username: 'trader1',
      host_server: 'http://10.0.0.5:5000',
      owner_api_key_hint: '0001',
      mode: 'dedicated_number',
      broadcast_enabled: false,
      rate_limit_per_minute: 120,
    });
    expect(config.owner_phones).to.deep.equal(['919811122233']);
    expect(config.preferences).to.include({
      trade_notifications: true,
      timezone: 'Europe/London',
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
    });
    expect(JSON.stringify(config)).to.not.include('good-key-0001');
    const page = await agent.get('/whatsapp/settings').expect(200);
    expect(page.text).to.include('stored key ends in 0001');
    expect(page.text).to.not.include('good-key-0001');
  });

  it('refuses a key the host rejects, saving nothing, in words', async () => {
    const { post } = await session(h);
    const refused = await post('/whatsapp/config', {
      owner_username: 'x',
      owner_api_key: 'bad-key',
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.message).to.equal(
      'owner_api_key: not saved, the host rejected it (invalid API key)',
    );
    expect(await h.app.settings.getOwnerApiKey()).to.equal(null);
    expect(await h.app.settings.getOwnerUsername()).to.equal(null);
  });

  it('lists every problem in words', async () => {
    const { post } = await session(h);
    const response = await post('/whatsapp/config', {
      host_server: 'ftp://x',
      mode: 'group',
      owner_phones: ['12'],
      summary_time: '7pm',
      timezone: 'Mars/Base',
      quiet_hours_start: '22:00',
      max_message_length: 0,
      daily_summary: 'maybe',
    });
    expect(response.status).to.equal(400);
    expect(response.body.errors).to.deep.equal([
      'host_server: must be an http:// or https:// URL, e.g. http://127.0.0.1:5000',
      'mode: must be self_chat or dedicated_number',
      'owner_phones: each number needs its country code, 7 to 15 digits (e.g. 919876543210)',
      'daily_summary: must be true or false',
      'summary_time: must be a time as HH:MM (24-hour), e.g. 21:30',
      'timezone: "Mars/Base" is not a known time zone (e.g. Asia/Kolkata)',
      'quiet_hours: give both a start and an end, or neither',
      'max_message_length: must be a whole number from 1 to 4096',
    ]);
    const dedicated = await post('/whatsapp/config', { mode: 'dedicated_number' });
    expect(dedicated.body.message).to.match(
      /^owner_phones: dedicated-number mode needs at least one owner phone/,
    );
  });

  it('shows form errors as a message on the settings page', async () => {
    const { agent, csrf } = await session(h);
    const response = await agent
      .post('/whatsapp/config')
      .type('form')
      .send({ _csrf: csrf, _back: '/whatsapp/settings', timezone: 'Nowhere/City' });
    expect(response.status).to.equal(302);
    expect(response.headers.location).to.equal('/whatsapp/settings');
    const page = await agent.get('/whatsapp/settings');
    expect(page.text).to.include('timezone: &#34;Nowhere/City&#34; is not a known time zone');
  });

  it('rotates the webhook secret once, sealed at rest, both accepted for the grace period', async () => {
    const { agent, csrf } = await session(h);
    const page = await agent
      .post('/whatsapp/webhook-secret/rotate')
      .type('form')
      .send({ _csrf: csrf });
    expect(page.status).to.equal(200);
    const fresh = /data-secret>(whsec_[^<]+)</.exec(page.text)![1]!;
    expect(await h.admin.webhookSecrets()).to.deep.equal([fresh, TEST_SECRETS.WEBHOOK_SECRET]);
    const stored = JSON.stringify(await h.app.db.em().find(Setting, {}));
    expect(stored).to.not.include(fresh.slice(6));
    expect(stored).to.not.include(TEST_SECRETS.WEBHOOK_SECRET.slice(6));
    const settings = (await agent.get('/whatsapp/settings')).text;
    expect(settings).to.not.include(fresh);
    expect(settings).to.include(`whsec_…${fresh.slice(-4)}`);
  });

  it('refuses rotation when WEBHOOK_SECRET comes from the environment, and says why', async () => {
    const envOwned = await startAdmin({ admin: { webhookSecretFromEnv: true } });
    const { agent, post } = await session(envOwned);
    const refused = await post('/whatsapp/webhook-secret/rotate');
    expect(refused.status).to.equal(400);
    expect(refused.body.message).to.match(/^WEBHOOK_SECRET is set in the environment/);
    expect((await agent.get('/whatsapp/settings')).text).to.include(
      'WEBHOOK_SECRET is set in the environment',
    );
    await envOwned.close();
  });
});

describe('admin recipients, sending and stats (SPEC §7.2, §7.3)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  beforeEach(
    async () => (h = await startAdmin({ env: { WHATSAPP_MESSAGE_RATE_LIMIT: '4 per minute' } })),
  );
  afterEach(() => h.close());

  it('adds, lists, edits, re-keys and unlinks recipients; keys are shown once and stored hashed', async () => {
    const { agent, post } = await session(h);
    const added = await post('/whatsapp/users', {
      phone: '91 98111 22233',
      username: 'trader2',
      display_name: 'Two',
    }).expect(200);
    const key = added.body.data.api_key as string;
    expect(key).to.match(/^oaw_[A-Za-z0-9_-]{32}$/);
    const row = await h.app.db
      .em()
      .findOneOrFail(WhatsappUser, { whatsappJid: '919811122233@s.whatsapp.net' });
    expect(row.apiKeyHash).to.equal(h.app.settings.hashRecipientApiKey(key));
    const list = (await agent.get('/whatsapp/users').expect(200)).body;
    expect(list.count).to.equal(1);
    expect(list.data[0]).to.include({
      openalgo_username: 'trader2',
      display_name: 'Two',
      notifications_enabled: true,
      has_api_key: true,
    });
    expect(JSON.stringify(list)).to.not.include(key);
    const jid = encodeURIComponent('919811122233@s.whatsapp.net');
    await post(`/whatsapp/user/${jid}`, { notifications_enabled: false }).expect(200);
    const rekeyed = (await post(`/whatsapp/user/${jid}/key`).expect(200)).body.data
      .api_key as string;
    expect(rekeyed).to.not.equal(key);
    expect(
      (await post('/whatsapp/users', { phone: '919811122233', username: 'again' })).status,
    ).to.equal(400);
    expect((await post(`/whatsapp/user/${jid}/unlink`).expect(200)).body.message).to.equal(
      'User unlinked',
    );
    const missing = await post(`/whatsapp/user/${jid}/unlink`);
    expect(missing.status).to.equal(404);
    expect(missing.body.message).to.equal('User not found');
  });

  it('sends one message, checking in OpenAlgo’s order with its messages', async () => {
    const { post } = await session(h);
    h.transport.setState('reconnecting');
    expect(
      (await post('/whatsapp/send', { phone: '919811122233', message: 'hi' })).status,
    ).to.equal(409);
    h.transport.setState('open');
    expect((await post('/whatsapp/send', { message: 'hi' })).body.message).to.equal(
      'Phone number is required',
    );
    expect((await post('/whatsapp/send', { phone: '919811122233' })).body.message).to.equal(
      'Message is required',
    );
    expect(
      (await post('/whatsapp/send', { phone: '9198', message: 'x', image_path: '/etc/passwd' }))
        .body.message,
    ).to.equal('Invalid phone number');
    expect(
      (
        await post('/whatsapp/send', {
          phone: '919811122233',
          message: 'x',
          image_path: '/etc/passwd',
        })
      ).body.message,
    ).to.equal('image_path is not allowed');
    const sent = await post('/whatsapp/send', {
      phone: '+91 98111 22233',
      message: 'hello there',
    }).expect(200);
    expect(sent.body.message).to.equal('Sent to 919811122233@s.whatsapp.net');
    expect(h.transport.sent.map((s) => [s.jid, s.content])).to.deep.equal([
      ['919811122233@s.whatsapp.net', { type: 'text', text: 'hello there' }],
    ]);
  });

  it('says not paired in OpenAlgo’s words when nothing is linked', async () => {
    const { post } = await session(h);
    h.transport.setState('unpaired');
    const response = await post('/whatsapp/test-message');
    expect(response.status).to.equal(409);
    expect(response.body.message).to.equal(
      'WhatsApp is not paired. Pair the device first to send messages.',
    );
  });

  it('broadcasts to at most 5 recipients and reports the counts where OpenAlgo’s client reads them', async () => {
    const { post } = await session(h);
    for (let i = 0; i < 7; i += 1)
      await post('/whatsapp/users', { phone: `91981112220${i}`, username: `u${i}` }).expect(200);
    h.transport.failNextSends(1);
    const response = await post('/whatsapp/broadcast', { message: 'market closes early' }).expect(
      200,
    );
    expect(response.body).to.deep.include({
      status: 'success',
      message: 'Sent to 4 users, failed 1, skipped 2',
      queued: 4,
      skipped: 2,
    });
    expect(response.body.data).to.deep.equal({ queued: 4, sent: 4, failed: 1, skipped: 2 });
    expect(h.transport.sent).to.have.length(4);
    await h.app.db.em().nativeUpdate(WhatsappUser, {}, { isActive: false });
    expect((await post('/whatsapp/broadcast', { message: 'x' })).status).to.equal(400);
  });

  it('sends the test message to the owner’s own chat, within the message rate limit', async () => {
    const { post } = await session(h);
    const response = await post('/whatsapp/test-message').expect(200);
    expect(response.body.message).to.equal('Test sent to 919876543210@s.whatsapp.net');
    expect(h.transport.sent[0]!.to).to.deep.equal({ kind: 'self' });
    expect(h.transport.sent[0]!.content).to.deep.equal({ type: 'text', text: TEST_MESSAGE });
    for (let i = 0; i < 3; i += 1) await post('/whatsapp/test-message').expect(200);
    const limited = await post('/whatsapp/test-message');
    expect(limited.status).to.equal(429);
    expect(limited.body.message).to.equal('Rate limit exceeded. Please slow down your requests.');
    expect(h.transport.sent).to.have.length(4);
  });

  it('counts commands by name, alerts by topic and delivery latency for /whatsapp/stats', async () => {
    const { agent } = await session(h);
    const em = h.app.db.em();
    const now = Date.now();
    for (const command of ['positions', 'positions', 'quote']) {
      em.create(CommandLog, {
        whatsappJid: 'x@s.whatsapp.net',
        command,
        outcome: 'ok',
        parameters: null,
        executedAt: new Date(now - 3600_000),
      });
    }
    em.create(CommandLog, {
      whatsappJid: 'x@s.whatsapp.net',
      command: 'funds',
      outcome: 'ok',
      parameters: null,
      executedAt: new Date(now - 10 * 86_400_000),
    });
    [1000, 2000, 3000, 40_000].forEach((delay, i) => {
      em.create(OutboxMessage, {
        idempotencyKey: `k${i}`,
        recipientJid: 'x@s.whatsapp.net',
        kind: 'alert',
        topic: i < 3 ? 'order.placed' : 'gtt.triggered',
        status: 'sent',
        eventAt: new Date(now - 60_000),
        createdAt: new Date(now - 60_000),
        sentAt: new Date(now - 60_000 + delay),
      });
    });
    await em.flush();
    const stats = (await agent.get('/whatsapp/stats?days=7').expect(200)).body.data;
    expect(stats).to.deep.include({ total_commands: 3, days: 7, total_alerts: 4 });
    expect(stats.by_command).to.deep.equal({ positions: 2, quote: 1 });
    expect(stats.alerts_by_topic).to.deep.equal({ 'order.placed': 3, 'gtt.triggered': 1 });
    expect(stats.delivery_latency_ms[0]).to.deep.equal({
      days: 1,
      count: 4,
      p50: 2000,
      p95: 40_000,
    });
    expect((await agent.get('/whatsapp/stats?days=abc')).body.data.days).to.equal(7);
    expect((await agent.get('/whatsapp/stats?days=9999')).body.data.days).to.equal(365);
    const page = await agent.get('/whatsapp/stats?days=30').set('Accept', 'text/html').expect(200);
    expect(page.text)
      .to.include('<svg class="chart"')
      .and.include('>positions</text>')
      .and.include('>funds</text>');
    const activity = await agent.get('/whatsapp/activity?tab=alerts&name=gtt').expect(200);
    expect(activity.text).to.include('gtt.triggered').and.include('40s');
    expect(activity.text).to.not.include('order.placed</td>');
  });
});
