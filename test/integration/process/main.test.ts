import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, type TempDir } from '../../support/config.ts';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Runs `node src/main.ts` in `cwd` with only the given variables (plus PATH). */
function startMain(
  cwd: string,
  env: Record<string, string>,
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

/** Resolves when the process logs a line containing `text`. */
function waitForOutput(
  child: ChildProcess & { output: () => string },
  text: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (child.output().includes(text)) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`exited ${code} before "${text}": ${child.output()}`)),
    );
    check();
  });
}

describe('process entry (src/main.ts)', function () {
  this.timeout(30_000);
  let dir: TempDir;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.cleanup());

  it('boots with no configuration, generates secrets 0600, serves /healthz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = startMain(dir.path, { PORT: String(port) });
    await waitForOutput(child, '"msg":"listening"');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
    expect(statSync(join(dir.path, 'data', 'secrets.json')).mode & 0o777).to.equal(0o600);
    expect(statSync(join(dir.path, 'data', 'openalgo-whatsapp.db')).isFile()).to.equal(true);
    expect(child.output()).to.include('Secrets are read from a file next to the database');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(0);
    expect(child.output()).to.include('shutting down');
  });

  it('exits non-zero naming PORT when it is not a port', async () => {
    const child = startMain(dir.path, { PORT: 'eighty' });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(1);
    expect(child.output()).to.include('PORT must be a whole number from 1 to 65535');
  });

  it('exits non-zero naming API_KEY_PEPPER when it is too short', async () => {
    const child = startMain(dir.path, { API_KEY_PEPPER: 'too-short' });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(1);
    expect(child.output()).to.include('API_KEY_PEPPER must be at least 32 characters');
    expect(child.output()).to.not.include('too-short');
  });

  it('refuses a simulator root key with a non-loopback WhatsApp server at boot', async () => {
    const child = startMain(dir.path, {
      WHATSAPP_SERVER_URL: 'wss://web.whatsapp.com/ws/chat',
      WHATSAPP_SERVER_ROOT_KEY: 'ab'.repeat(32),
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(1);
    expect(child.output()).to.include('WHATSAPP_SERVER_ROOT_KEY is refused');
  });
});
