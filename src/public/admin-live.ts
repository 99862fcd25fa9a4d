/*
 * Live updates for the admin pages (SPEC §7.2): link status badge, QR refresh and countdown, the
 * pairing code, and the flip to Connected, all from GET /whatsapp/events (Server-Sent Events).
 * Served to browsers as is, so this file is written in the JavaScript subset of TypeScript: no
 * type syntax (parameter types come from default values); a test parses it as plain JavaScript.
 * The server's event payloads are JSON, hence the untyped reads below.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument */
(() => {
  const all = (selector = '') =>
    Array.from(document.querySelectorAll(selector)).filter((el) => el instanceof HTMLElement);
  const setText = (selector = '', text = '') =>
    all(selector).forEach((el) => (el.textContent = text));
  const pairing = all('[data-pairing]')[0] ?? null;

  const showPanel = (name = '') => {
    if (!pairing) return;
    pairing.dataset.panel = name;
    all('[data-panel-name]').forEach((el) => (el.hidden = el.dataset.panelName !== name));
    all('[data-pair-forms]').forEach((el) => (el.hidden = name === 'done'));
  };

  const formatCode = (code = '') =>
    code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;

  const tick = () => {
    all('[data-countdown]').forEach((el) => {
      const expires = Date.parse(el.dataset.expires ?? '');
      if (Number.isNaN(expires)) return;
      const left = Math.round((expires - Date.now()) / 1000);
      el.textContent = left > 0 ? `This code refreshes in ${left} s.` : 'Getting a fresh code…';
    });
  };
  tick();
  setInterval(tick, 1000);

  const applyStatus = (
    status = { state: '', state_label: '', state_tone: '', state_hint: '', state_since: '' },
  ) => {
    all('[data-badge]').forEach((el) => {
      el.textContent = status.state_label;
      el.className = `badge tone-${status.state_tone}`;
    });
    setText('[data-hint]', status.state_hint);
    all('[data-since]').forEach((el) => {
      el.setAttribute('datetime', status.state_since);
      el.textContent = `${status.state_since.replace('T', ' ').slice(0, 19)} UTC`;
    });
    all('[data-show-when]').forEach(
      (el) => (el.hidden = !(el.dataset.showWhen ?? '').split(' ').includes(status.state)),
    );
    const connected = status.state === 'open' || status.state === 'degraded';
    if (pairing && connected && pairing.dataset.panel !== 'failed') showPanel('done');
  };

  const url = document.body.dataset.live;
  if (!url || typeof EventSource === 'undefined') return;
  const source = new EventSource(url);
  const on = (name = '', handle = (_data = JSON.parse('{}')) => {}) => {
    source.addEventListener(name, (event) => handle(JSON.parse(String(event.data))));
  };

  on('whatsapp_status', (data) => applyStatus(data));
  on('whatsapp_qr', (data) => {
    const box = document.getElementById('qr');
    if (!box || typeof data.svg !== 'string') return;
    box.innerHTML = data.svg;
    all('[data-countdown]').forEach((el) => (el.dataset.expires = String(data.expires_at ?? '')));
    tick();
    showPanel('qr');
  });
  on('whatsapp_pair_code', (data) => {
    setText('[data-pair-code]', formatCode(String(data.code ?? '')));
    showPanel('code');
  });
  on('whatsapp_paired', () => showPanel('done'));
  on('whatsapp_pair_status', (data) => {
    if (data.status === 'failed') {
      setText('[data-pair-error]', String(data.error ?? 'Pairing failed — please try again'));
      showPanel('failed');
    } else if (data.status === 'paired') showPanel('done');
    else if (data.status === 'starting') showPanel('waiting');
  });
})();
