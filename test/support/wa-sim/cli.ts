/**
 * `npm run wa-sim`: runs the simulator on loopback, prints its URL and root key (and a JSON line for
 * scripts), then takes commands on stdin so a person or the sandbox can drive the phones.
 *
 *   npm run wa-sim -- [--port 7300] [--phone 15550001111[:PushName]]…
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startWaSim } from './server.ts';
import type { DisconnectCode, SimPhone, WaSim } from './types.ts';

const HELP = `commands:
  phone <number> [pushName]        create an account and its phone
  scan <number> <qr>               the phone scans a QR string
  code <number> <pairing-code>     the phone types a pairing code
  say <number> <text…>             the phone writes into its self-chat
  from <number> <contact> <text…>  <contact> writes to <number>
  read <number> <message-id>       the phone sends a read receipt
  inbox <number>                   what the phone decrypted so far
  disconnect <code> [who]          515 440 401 428 408 403 411 503 500
  deaf on|off · latency <ms> · stanzas [n] · quit`;

/** Runs one command line; returns text to print. */
async function run(sim: WaSim, line: string): Promise<string> {
  const [cmd = '', arg1 = '', ...rest] = line.trim().split(/\s+/);
  const phone = (): SimPhone => {
    const found = sim.phone(arg1);
    if (!found) throw new Error(`no phone ${arg1}`);
    return found;
  };
  switch (cmd) {
    case '':
      return '';
    case 'phone': {
      const created = await sim.createPhone({
        phoneNumber: arg1,
        pushName: rest.join(' ') || undefined,
      });
      return `phone ${created.pnJid} lid ${created.lidJid}`;
    }
    case 'scan':
      await phone().scanQr(rest.join(' '));
      return `linked: ${phone().linkedDevices().join(', ')}`;
    case 'code':
      await phone().enterPairingCode(rest.join(''));
      return `linked: ${phone().linkedDevices().join(', ')}`;
    case 'say':
      return `sent ${await phone().sendSelfText(rest.join(' '))}`;
    case 'from':
      return `sent ${await phone().sendAsContact(rest[0] ?? '', rest.slice(1).join(' '))}`;
    case 'read':
      await phone().sendReadReceipt(rest[0] ?? '');
      return 'ok';
    case 'inbox':
      return phone()
        .received.map((m) => `${m.id} ${m.kind} ${m.text ?? m.caption ?? m.fileName ?? ''}`)
        .join('\n');
    case 'disconnect':
      sim.control.disconnect(Number(arg1) as DisconnectCode, rest[0]);
      return 'ok';
    case 'deaf':
      sim.control.setDeaf(arg1 === 'on');
      return `deaf ${arg1}`;
    case 'latency':
      sim.control.setLatency(Number(arg1));
      return `latency ${Number(arg1)} ms`;
    case 'stanzas':
      return sim.dumpStanzas(sim.stanzas.slice(-(Number(arg1) || 20)));
    default:
      return HELP;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, phone: { type: 'string', multiple: true } },
  });
  const sim = await startWaSim({ port: Number(values.port ?? 0) });
  for (const spec of values.phone ?? []) {
    const [phoneNumber = '', pushName] = spec.split(':');
    await sim.createPhone({ phoneNumber, pushName });
  }
  const caPath = join(tmpdir(), `wa-sim-media-ca-${process.pid}.pem`);
  writeFileSync(caPath, sim.media.caPem);
  console.log(`wa-sim listening on ${sim.url}`);
  console.log(`root public key (WA_CERT_DETAILS.PUBLIC_KEY): ${sim.rootPublicKeyHex}`);
  console.log(`media: ${sim.media.url} (CA: ${caPath})`);
  const info = {
    url: sim.url,
    rootPublicKeyHex: sim.rootPublicKeyHex,
    mediaUrl: sim.media.url,
    caPath,
  };
  console.log(`WA_SIM ${JSON.stringify(info)}`);
  console.log(HELP);
  const rl = createInterface({ input: process.stdin });
  const shutdown = () => {
    rmSync(caPath, { force: true });
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown).on('SIGTERM', shutdown);
  rl.on('close', shutdown);
  for await (const line of rl) {
    if (line.trim() === 'quit') break;
    await run(sim, line).then(
      (out) => out && console.log(out),
      (err: unknown) => console.log(`error: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  shutdown();
}

await main();
