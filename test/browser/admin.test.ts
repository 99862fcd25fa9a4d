import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { decodeQr, signInThroughForm, snap, startRig, type BrowserRig } from './support.ts';

const USER = 'admin';
const PASSWORD = 'browser test password';

describe('admin UI in Chromium (real Baileys link ↔ WhatsApp simulator)', function () {
  let rig: BrowserRig;
  let page: Page;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig.close();
  });
  beforeEach(async () => {
    page = await rig.browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  afterEach(async () => {
    await page.context().close();
  });

  async function signedIn(): Promise<void> {
    await signInThroughForm(page, rig.baseUrl, USER, PASSWORD);
  }

  async function unpair(): Promise<void> {
    if (rig.app.whatsapp.state() !== 'unpaired') await rig.app.whatsapp.unlink();
  }

  it('first run: the setup link creates the admin, then sign-out and sign-in work', async () => {
    const link = await rig.admin.createSetupLink();
    expect(link).to.be.a('string');
    await page.goto(link!.replace(rig.app.config.publicUrl, rig.baseUrl));
    await snap(page, 'setup');
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', PASSWORD);
    await page.fill('input[name=confirm]', PASSWORD);
    await Promise.all([page.waitForURL(`${rig.baseUrl}/whatsapp`), page.click('button.primary')]);
    await page.locator('[data-badge]', { hasText: 'Not paired' }).waitFor();
    await Promise.all([page.waitForURL(/\/whatsapp\/login$/), page.click('.signout button')]);
    await snap(page, 'login');
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', 'wrong password here');
    await page.click('button.primary');
    await page.locator('.flash-error', { hasText: 'Invalid username or password' }).waitFor();
    await signedIn();
    expect(await page.locator('h1').textContent()).to.equal('WhatsApp Bot');
    await snap(page, 'dashboard-unpaired');
  });

  it('pairs by QR read from a screenshot, turns Connected without reload, then unlinks', async () => {
    await unpair();
    const phone = await rig.sim.createPhone({ phoneNumber: '919811100011' });
    await signedIn();
    await Promise.all([
      page.waitForURL(/\/whatsapp\/pairing$/),
      page.click('text=Start pairing (QR)'),
    ]);
    await page.locator('#qr svg').waitFor({ state: 'visible' });
    await page.locator('[data-countdown]', { hasText: /refreshes in \d+ s/ }).waitFor();
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const qr = decodeQr(await snap(page, 'pairing-qr'));
    expect(qr).to.be.a('string').with.length.greaterThan(20);
    await phone.scanQr(qr!);
    await page
      .locator('[data-panel-name=done]', { hasText: 'Connected' })
      .waitFor({ state: 'visible' });
    await page.locator('[data-badge]', { hasText: 'Connected' }).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).to.equal(true);
    await snap(page, 'pairing-connected');

    await page.goto(`${rig.baseUrl}/whatsapp`);
    await page.locator('dd', { hasText: '+91******0011' }).waitFor();
    await snap(page, 'dashboard-connected');
    await page.click('summary:has-text("Unlink")');
    await Promise.all([
      page.waitForURL(`${rig.baseUrl}/whatsapp`),
      page.click('text=Yes, unlink this device'),
    ]);
    await page.locator('.flash-ok', { hasText: 'Device unlinked' }).waitFor();
    await page.locator('[data-badge]', { hasText: 'Not paired' }).waitFor();
    await phone.waitForLinkedDevices(0);
  });

  it('pairs by an 8-character code shown on the page', async () => {
    await unpair();
    const phone = await rig.sim.createPhone({ phoneNumber: '15550002222' });
    await signedIn();
    await page.fill('#pair-phone', '+1 555 000 2222');
    await Promise.all([
      page.waitForURL(/\/whatsapp\/pairing$/),
      page.click('text=Pair with phone number'),
    ]);
    const codeBox = page.locator('[data-pair-code]');
    await page.locator('[data-panel-name=code]').waitFor({ state: 'visible' });
    await page.waitForFunction(
      () => (document.querySelector('[data-pair-code]')?.textContent ?? '').length === 9,
    );
    const shown = (await codeBox.textContent())!;
    expect(shown).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await snap(page, 'pairing-code');
    await phone.enterPairingCode(shown.replace('-', ''));
    await page
      .locator('[data-panel-name=done]', { hasText: 'Connected' })
      .waitFor({ state: 'visible' });
    expect(rig.app.whatsapp.identity()?.pnJid).to.equal(phone.pnJid);
  });

  it('round-trips settings, with errors in words', async () => {
    await signedIn();
    await page.goto(`${rig.baseUrl}/whatsapp/settings`);
    await page.fill('input[name=owner_username]', 'trader1');
    await page.fill('input[name=owner_api_key]', 'good-key-9876');
    await Promise.all([page.waitForLoadState(), page.click('text=Save owner and host')]);
    await page.locator('.flash-ok', { hasText: 'Configuration updated' }).waitFor();
    expect(await page.inputValue('input[name=owner_username]')).to.equal('trader1');
    expect(await page.getAttribute('input[name=owner_api_key]', 'placeholder')).to.include(
      'ends in 9876',
    );
    await page.fill('input[name=timezone]', 'Europe/London');
    await page.fill('input[name=quiet_hours_start]', '22:30');
    await page.fill('input[name=quiet_hours_end]', '06:45');
    await page.check('input[type=checkbox][name=trade_notifications]');
    await Promise.all([page.waitForLoadState(), page.click('text=Save alerts')]);
    await page.locator('.flash-ok', { hasText: 'Configuration updated' }).waitFor();
    await page.reload();
    expect(await page.inputValue('input[name=timezone]')).to.equal('Europe/London');
    expect(await page.inputValue('input[name=quiet_hours_start]')).to.equal('22:30');
    expect(await page.isChecked('input[type=checkbox][name=trade_notifications]')).to.equal(true);
    const preferences = await rig.app.settings.getOwnerPreferences();
    expect(preferences).to.include({
      timezone: 'Europe/London',
      quietHoursEnd: '06:45',
      tradeNotifications: true,
    });
    await page.fill('input[name=timezone]', 'Atlantis/Capital');
    await Promise.all([page.waitForLoadState(), page.click('text=Save alerts')]);
    await page
      .locator('.flash-error', { hasText: '"Atlantis/Capital" is not a known time zone' })
      .waitFor();
    await snap(page, 'settings');
  });

  it('renders recipients, compose, activity and stats pages', async () => {
    await signedIn();
    await page.goto(`${rig.baseUrl}/whatsapp/recipients`);
    await page.fill('input[name=phone] >> nth=-1', '919811155566');
    await page.fill('input[name=username] >> nth=-1', 'trader2');
    await Promise.all([page.waitForLoadState(), page.click('text=Add and issue API key')]);
    const key = await page.locator('[data-secret]').textContent();
    expect(key).to.match(/^oaw_/);
    await snap(page, 'recipients');
    for (const [path, name, heading] of [
      ['/whatsapp/compose', 'compose', 'Compose'],
      ['/whatsapp/activity', 'activity', 'Activity'],
      ['/whatsapp/stats', 'stats', 'Stats'],
    ] as const) {
      await page.goto(`${rig.baseUrl}${path}`);
      expect(await page.locator('h1').textContent()).to.equal(heading);
      await snap(page, name);
    }
    expect(await page.locator('svg.chart').count()).to.equal(3);
  });
});
