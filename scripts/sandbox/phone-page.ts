/** The simulated phone page: plain HTML, a stylesheet and one nonce'd script polling /api/state. */
export function renderPhonePage(nonce: string, adminUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox phone</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#e5ddd5;color:#111}
header{background:#075e54;color:#fff;padding:12px 16px}header h1{font-size:18px;margin:0}
header p{margin:4px 0 0;font-size:13px;opacity:.85}header a{color:#fff}
main{max-width:720px;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px}
#chat{height:50vh;overflow-y:auto;display:flex;flex-direction:column;gap:6px}
.msg{max-width:80%;padding:6px 10px;border-radius:8px;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:13px}
.phone{align-self:flex-end;background:#dcf8c6}.sidecar{align-self:flex-start;background:#f1f0f0}
form{display:flex;gap:8px}input[type=text]{flex:1;padding:8px}button{padding:8px 12px;cursor:pointer}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}.muted{color:#555;font-size:13px}
</style></head><body>
<header><h1>Simulated phone (sandbox)</h1>
<p>Nothing here touches WhatsApp. Pair from the <a href="${adminUrl}" target="_blank">admin page</a>, then scan below.</p></header>
<main>
<div class="card"><div class="row">
<strong>Link:</strong> <span id="state">…</span>
<button id="scan" type="button">Scan the QR shown on the admin page</button>
<button id="code" type="button">Enter the pairing code</button>
</div><p class="muted" id="hint"></p></div>
<div class="card"><div class="row">
<strong>Host:</strong>
<select id="topic"><option>order.placed</option><option>order.cancelled</option><option>position.closed</option><option>gtt.placed</option><option>order.update</option></select>
<label><input type="checkbox" id="analyze"> analyze mode</label>
<button id="event" type="button">Send order event</button></div></div>
<div class="card"><div id="chat" aria-live="polite"></div>
<form id="say"><input type="text" id="text" placeholder="Type a command, e.g. /positions" autocomplete="off"><button>Send</button></form></div>
</main>
<script nonce="${nonce}">
const $ = (id) => document.getElementById(id);
async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  const json = await res.json().catch(() => ({}));
  $('hint').textContent = json.message || '';
}
async function refresh() {
  const state = await (await fetch('/api/state')).json();
  $('state').textContent = state.link;
  $('scan').disabled = !state.qr; $('code').disabled = !state.code;
  const chat = $('chat'); const atBottom = chat.scrollTop + chat.clientHeight >= chat.scrollHeight - 4;
  chat.replaceChildren(...state.chat.map((line) => { const d = document.createElement('div'); d.className = 'msg ' + line.from; d.textContent = line.text; return d; }));
  if (atBottom) chat.scrollTop = chat.scrollHeight;
}
$('scan').onclick = () => post('/api/scan');
$('code').onclick = () => post('/api/code');
$('event').onclick = () => post('/api/event', { topic: $('topic').value, analyze: $('analyze').checked });
$('say').onsubmit = (e) => { e.preventDefault(); const t = $('text').value.trim(); if (t) post('/api/say', { text: t }); $('text').value = ''; };
refresh(); setInterval(refresh, 1000);
</script></body></html>`;
}
