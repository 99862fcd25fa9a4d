/**
 * Benchmark of the WhatsApp simulator with the real Baileys: prints one figure per line, the median of
 * several runs. Not a timed test; compare with the figures in /work/shared/research/wa-protocol.md
 * (connect→QR 108–194 ms, scan→open 400–650 ms, send→phone 38–75 ms, phone→upsert 6–19 ms,
 * pairing-code request→open 1.0–1.3 s).
 *
 *   node bench/wa-sim.ts [runs=5]
 */
import type { WASocket } from '@whiskeysockets/baileys';
import {
  closeCode,
  connectBaileys,
  createBaileysSocket,
  installStrictXEdDSAVerifier,
  makeMemoryAuthState,
  nextQr,
  startWaSim,
} from '../test/support/wa-sim/index.ts';
import type { SimPhone, WaSim } from '../test/support/wa-sim/index.ts';
import { figure, median } from './support/figures.ts';

const runs = Number(process.argv[2] ?? 5);
const samples: Record<string, number[]> = {};
const record = (name: string, ms: number) => (samples[name] ??= []).push(ms);

/** Resolves when `text` is upserted on `sock`. */
function upserted(sock: WASocket, text: string): Promise<void> {
  return new Promise((resolve) => {
    sock.ev.on('messages.upsert', ({ messages }) => {
      if (messages.some((m) => m.message?.conversation === text)) resolve();
    });
  });
}

/** One full cycle: QR pairing, reconnect, a round trip each way. */
async function qrCycle(sim: WaSim, phone: SimPhone, run: number): Promise<void> {
  const auth = makeMemoryAuthState();
  let t = performance.now();
  const registering = createBaileysSocket(sim, auth);
  const closed = closeCode(registering);
  const qr = await nextQr(registering);
  record('connect→qr', performance.now() - t);
  t = performance.now();
  await phone.scanQr(qr);
  await closed;
  const sock = await connectBaileys(sim, auth);
  record('scan→open', performance.now() - t);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const sent = await sock.sendMessage(phone.pnJid, { text: `bench ${run}.${i}` });
    await phone.waitForMessage((m) => m.id === sent?.key.id);
    record('send→phone-decrypted', performance.now() - t);
    const text = `reply ${run}.${i}`;
    const arrived = upserted(sock, text);
    t = performance.now();
    await phone.sendSelfText(text);
    await arrived;
    record('phone→upsert', performance.now() - t);
  }
  await sock.logout();
}

/** Pairing by code, from `requestPairingCode` to `open`. */
async function codeCycle(sim: WaSim, phone: SimPhone): Promise<void> {
  const auth = makeMemoryAuthState();
  const registering = createBaileysSocket(sim, auth);
  const closed = closeCode(registering);
  await nextQr(registering);
  const t = performance.now();
  const code = await registering.requestPairingCode(phone.phoneNumber);
  await phone.enterPairingCode(code);
  await closed;
  const sock = await connectBaileys(sim, auth);
  record('pairing-code→open', performance.now() - t);
  await sock.logout();
}

installStrictXEdDSAVerifier();
const sim = await startWaSim({ stanzaLog: false });
const phone = await sim.createPhone({ phoneNumber: '15550008000' });
for (let run = 0; run < runs; run++) {
  await qrCycle(sim, phone, run);
  await codeCycle(sim, phone);
}
for (const [name, xs] of Object.entries(samples)) {
  figure(
    `wa_sim_${name
      .replace(/[^a-z0-9]+/gi, '_')
      .replace(/^_|_$/g, '')
      .toLowerCase()}_ms`,
    median(xs),
    'ms',
  );
}
await sim.close();
process.exit(0);
