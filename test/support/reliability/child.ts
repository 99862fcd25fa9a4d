/**
 * The sidecar as its own process (`node src/main.ts`), as in production, so it can be killed with
 * SIGKILL mid-request and restarted on the same database and the same port (the host keeps one
 * target URL). Its JSON log lines are kept for assertions about what it reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A running sidecar process. */
export interface ChildSidecar {
  process: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Parsed JSON log lines so far (other lines skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log record matching `predicate` (logs arrive through a pipe). */
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves once /healthz answers 200. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Polls /readyz until WhatsApp reports `state`. */
  waitForWhatsApp(state: string, timeoutMs?: number): Promise<void>;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Sends `signal` and waits for the exit; resolves with the exit code and signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** What to start: the working directory, the environment (plus PATH) and the port. */
export interface ChildOptions {
  cwd: string;
  env: Record<string, string>;
  port: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    // Polling HTTP from outside the process is the only view a separate process offers.
    await pause(25);
  }
  throw new Error(`sidecar: ${what} not reached within ${timeoutMs} ms`);
}

/** Spawns `node src/main.ts` on `port` with `env`. */
export function spawnSidecar(options: ChildOptions): ChildSidecar {
  const child = spawn(process.execPath, [MAIN], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...options.env,
      PORT: String(options.port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${options.port}`;
  return {
    process: child,
    url,
    output: () => output,
    logs: () => parseLogLines(output),
    async waitForLog(predicate, timeoutMs = 5_000) {
      let found: Record<string, unknown> | undefined;
      await pollUntil(
        () => Promise.resolve((found = parseLogLines(output).find(predicate)) !== undefined),
        'log record',
        timeoutMs,
      );
      return found!;
    },
    waitHealthy: (timeoutMs = 20_000) =>
      pollUntil(async () => (await fetch(`${url}/healthz`)).ok, '/healthz', timeoutMs),
    waitForWhatsApp: (state, timeoutMs = 20_000) =>
      pollUntil(
        async () => {
          const body = (await (await fetch(`${url}/readyz`)).json()) as { whatsapp?: string };
          return body.whatsapp === state;
        },
        `whatsapp ${state}`,
        timeoutMs,
      ),
    alive: () => !done,
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      const [code, sig] = await exited;
      return { code, signal: sig };
    },
  };
}

/** The JSON objects among `text`'s lines. */
export function parseLogLines(text: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line cut by SIGKILL mid-write is not a log record.
    }
  }
  return lines;
}
