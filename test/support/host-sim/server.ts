/**
 * An OpenAlgo-compatible host on 127.0.0.1 for tests and the sandbox: the REST endpoints the
 * sidecar calls, live/analyze switch, fixtures, injected failures, a request log (API key
 * redacted) and a recorder for the sidecar's status callbacks.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostMode } from '../../../src/host/types.ts';
import { defaultFixtures } from './fixtures.ts';
import type { HostFixtures } from './fixtures.ts';
import { createRequestHandler } from './handler.ts';
import type { HandlerContext, HostRequest, SimFailure, StatusCallback } from './handler.ts';
import type { SimState } from './responses.ts';
import type { SimEndpoint } from './validation.ts';

/** How to start the simulator. Every field is optional. */
export interface HostSimOptions {
  /** Loopback port; default 0 (any free port). */
  port?: number;
  /** The one valid API key; default a random 64-hex string. */
  apiKey?: string;
  /** Starting mode; default `live`. */
  mode?: HostMode;
  /** `whsec_…` secret used to verify status callbacks; unset → recorded unverified. */
  webhookSecret?: string;
  /** Delay before every normal answer, in ms (benchmarks use ~5 ms, SPEC §12). */
  responseDelayMs?: number;
}

/** A running simulator. */
export interface HostSim {
  /** Base URL, e.g. `http://127.0.0.1:40123` (the sidecar's `HOST_SERVER`). */
  readonly url: string;
  readonly apiKey: string;
  readonly mode: HostMode;
  setMode(mode: HostMode): void;
  /** Replaces one fixture for `mode` (default: the current mode; quotes are always read from live). */
  setFixture<K extends keyof HostFixtures>(name: K, value: HostFixtures[K], mode?: HostMode): void;
  /** Replaces all fixtures of one mode, e.g. with `withNumberStyle(…, 'strings')`. */
  setFixtures(mode: HostMode, fixtures: HostFixtures): void;
  /** Current fixtures of one mode (live object: mutations show in later answers). */
  fixtures(mode?: HostMode): HostFixtures;
  /** Semi-Auto order mode: live closeposition answers the 403 refusal. */
  setSemiAuto(on: boolean): void;
  /** `false` simulates an expired broker login: every call gets the invalid-key 403. */
  setBrokerSession(valid: boolean): void;
  /** Queues a failure for the next request to `endpoint` (failures queue up in order). */
  failNext(endpoint: SimEndpoint, failure: SimFailure): void;
  readonly requests: readonly HostRequest[];
  readonly statusCallbacks: readonly StatusCallback[];
  /** Empties the request and status-callback logs. */
  clearLog(): void;
  close(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1 and resolves once it listens. */
export async function startHostSim(options: HostSimOptions = {}): Promise<HostSim> {
  const state: SimState = {
    apiKey: options.apiKey ?? randomBytes(32).toString('hex'),
    mode: options.mode ?? 'live',
    fixtures: { live: defaultFixtures('live'), analyze: defaultFixtures('analyze') },
    semiAuto: false,
    brokerSessionValid: true,
  };
  const timers = new Set<NodeJS.Timeout>();
  const ctx: HandlerContext = {
    state,
    ...(options.responseDelayMs ? { responseDelayMs: options.responseDelayMs } : {}),
    failures: new Map(),
    requests: [],
    statusCallbacks: [],
    webhookSecret: options.webhookSecret,
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };
  const handle = createRequestHandler(ctx);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A body too large or a client gone mid-read: answer if we still can, never crash.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return buildHandle(`http://127.0.0.1:${port}`, state, ctx, async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  });
}

function buildHandle(
  url: string,
  state: SimState,
  ctx: HandlerContext,
  close: () => Promise<void>,
): HostSim {
  return {
    url,
    apiKey: state.apiKey,
    get mode() {
      return state.mode;
    },
    setMode: (mode) => {
      state.mode = mode;
    },
    setFixture: (name, value, mode = state.mode) => {
      state.fixtures[mode][name] = value;
    },
    setFixtures: (mode, fixtures) => {
      state.fixtures[mode] = fixtures;
    },
    fixtures: (mode = state.mode) => state.fixtures[mode],
    setSemiAuto: (on) => {
      state.semiAuto = on;
    },
    setBrokerSession: (valid) => {
      state.brokerSessionValid = valid;
    },
    failNext: (endpoint, failure) => {
      const queue = ctx.failures.get(endpoint) ?? [];
      queue.push(failure);
      ctx.failures.set(endpoint, queue);
    },
    requests: ctx.requests,
    statusCallbacks: ctx.statusCallbacks,
    clearLog: () => {
      ctx.requests.length = 0;
      ctx.statusCallbacks.length = 0;
    },
    close,
  };
}
