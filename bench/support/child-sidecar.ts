/**
 * Runs the sidecar as its own process (`node src/main.ts`), as in production, so timings and RSS
 * are the sidecar's alone and not shared with the simulators driving it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The Node flags `npm start` uses (package.json), so the benchmark measures the same process. */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((part) => part.startsWith('--'));
}

/**
 * Extra Node/V8 flags from `BENCH_NODE_FLAGS` (space-separated), appended to `npm start`'s, so a
 * flag can be measured (e.g. `--max-semi-space-size=1`) before it is proposed for package.json.
 */
export function extraNodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/** A running sidecar process. */
export interface ChildSidecar {
  process: ChildProcess;
  url: string;
  /** Resident set size in MB, from /proc. */
  rssMb(): number;
  /** Polls /readyz until WhatsApp reports `state`; resolves with the elapsed ms since spawn. */
  waitForWhatsApp(state: string, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Spawns `node src/main.ts` in `cwd` with `env` (plus PATH) on a free port. */
export async function spawnSidecar(
  cwd: string,
  env: Record<string, string>,
): Promise<ChildSidecar> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...startNodeFlags(), ...extraNodeFlags(), MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    process: child,
    url,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async waitForWhatsApp(state, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const body = await fetch(`${url}/readyz`)
          .then((r) => r.json() as Promise<{ whatsapp?: string }>)
          .catch(() => null);
        if (body?.whatsapp === state) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`sidecar did not reach ${state}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
