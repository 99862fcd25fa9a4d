/**
 * Runs generated requests against a sidecar and checks the one property every public endpoint
 * owes its callers: no 5xx, and an error is the JSON envelope, never a stack trace. The in-process
 * sidecar is the real app (real SQLite, every router and middleware) with the fake WhatsApp
 * transport, so fuzzed admin "pair" or "send" requests go nowhere.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type supertest from 'supertest';
import { createAdminAccounts } from '../../../src/admin/accounts.ts';
import { createApp, type App } from '../../../src/app.ts';
import { buildTestConfig, makeTempDir, type TempDir } from '../config.ts';
import { createFakeTransport } from '../fake-transport.ts';
import type { FuzzRequest } from './fuzz.ts';
import { OWNER_API_KEY, OWNER_USERNAME } from './rig.ts';

/** The admin account fuzzing signs in with. */
export const ADMIN_USER = { username: 'admin', password: 'fuzz-admin-password-123' };

/** An in-process sidecar for fuzzing and its temp directory. */
export interface FuzzApp {
  app: App;
  dir: TempDir;
  close(): Promise<void>;
}

/** The real app on a temp SQLite file, owner key and username set, an admin account created. */
export async function startFuzzApp(): Promise<FuzzApp> {
  const dir = makeTempDir('oaw-fuzz-');
  const config = buildTestConfig(dir.path, { WHATSAPP_RATE_LIMIT: '100000 per minute' });
  const app = await createApp(config, { transport: createFakeTransport('open') });
  await app.settings.setOwnerApiKey(OWNER_API_KEY);
  await app.settings.setOwnerUsername(OWNER_USERNAME);
  await createAdminAccounts(app.db).setPassword(ADMIN_USER.username, ADMIN_USER.password);
  return {
    app,
    dir,
    async close() {
      await app.close();
      dir.cleanup();
    },
  };
}

/** What one answer looked like. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one request somehow (supertest, fetch). */
export type FuzzTransport = (request: FuzzRequest) => Promise<FuzzAnswer>;

/** A transport over a supertest agent (keeps cookies: an admin session survives across runs). */
export function supertestTransport(agent: ReturnType<typeof supertest.agent>): FuzzTransport {
  return async (request) => {
    const response = await agent
      .post(request.path)
      .set(request.headers)
      // The exact bytes: superagent would JSON-encode a Buffer sent as application/json.
      .serialize(((body: Buffer) => body) as unknown as (body: unknown) => string)
      .send(request.body)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    return {
      status: response.status,
      contentType: String(response.headers['content-type'] ?? ''),
      text: response.body as string,
    };
  };
}

/** A transport over real HTTP with a cookie header kept by the caller. */
export function fetchTransport(baseUrl: string, cookie: () => string = () => ''): FuzzTransport {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, ...(cookie() ? { cookie: cookie() } : {}) },
      body: new Uint8Array(request.body),
      redirect: 'manual',
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };
}

/** Checks one answer: below 500; JSON errors are the envelope; no stack frames anywhere. */
export function checkAnswer(request: FuzzRequest, answer: FuzzAnswer): void {
  const context = `${request.path} ${answer.status} ${answer.text.slice(0, 200)}`;
  expect(answer.status, context).to.be.below(500);
  expect(answer.text, context).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
  if (answer.status >= 400 && answer.contentType.includes('application/json')) {
    const body = JSON.parse(answer.text) as { status?: unknown; message?: unknown };
    expect(body.status, context).to.equal('error');
    expect(body.message, context).to.be.a('string');
  }
}

/** Runs `runs` generated requests through `send`; returns how many answers had each status. */
export async function fuzz(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  send: FuzzTransport,
  runs: number,
  seed?: number,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const answer = await send(request);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      checkAnswer(request, answer);
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
  return statuses;
}

/** Signs a supertest agent in to the admin UI; resolves with the session's CSRF token. */
export async function adminSession(agent: ReturnType<typeof supertest.agent>): Promise<string> {
  const token = (await agent.get('/whatsapp/csrf-token').expect(200)).body.csrf_token as string;
  const response = await agent
    .post('/whatsapp/login')
    .set('X-CSRF-Token', token)
    .send(ADMIN_USER)
    .expect(200);
  return response.body.data.csrf_token as string;
}

/** Every admin POST path, read from the app's own routers (`:jid` filled in). */
export function adminPostPaths(app: App): string[] {
  const paths: string[] = [];
  for (const router of app.admin.routers) {
    for (const layer of router.stack) {
      if (!layer.methods.includes('POST')) continue;
      paths.push(
        String(layer.path).replace(':jid', encodeURIComponent('919811122233@s.whatsapp.net')),
      );
    }
  }
  return paths;
}
