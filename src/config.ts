import { Ajv } from 'ajv';
import { isAbsolute, resolve } from 'node:path';
import { ENV_HINTS, ENV_SCHEMA } from './config/env-schema.ts';
import { parseRateLimit, type RateLimitSpec } from './config/rate-limit-spec.ts';

export type { RateLimitSpec } from './config/rate-limit-spec.ts';

/** Validated, frozen configuration (SPEC §2). Built once at boot; tests build their own. */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  databaseUrl: string;
  /** Directory for the SQLite file, secrets.json and default attachments. */
  dataDir: string;
  hostServer: string;
  apiKeyPepper: string;
  fernetSalt: string;
  webhookSecret: string;
  attachmentRoots: readonly string[];
  notifyRateLimit: RateLimitSpec;
  messageRateLimit: RateLimitSpec;
  whatsappServerUrl: string;
  /** Hex root key of a local simulator; only ever set for a loopback ws:// server URL. */
  whatsappServerRootKey: string | null;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  alertTtlSeconds: number;
  metricsToken: string | null;
  /** Names of settings that came from the environment (the admin UI marks them read-only). */
  fromEnv: ReadonlySet<string>;
}

/** Thrown when the environment is invalid; `problems` lists every one, each naming its variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const DEFAULT_WHATSAPP_URL = 'wss://web.whatsapp.com/ws/chat';
const ajv = new Ajv({ allErrors: true, strict: true });
const validateEnv = ajv.compile(ENV_SCHEMA);

/** Reports every schema problem as "NAME must be …". */
function schemaProblems(env: Record<string, string>): string[] {
  const relevant = Object.fromEntries(
    Object.keys(ENV_SCHEMA.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  if (validateEnv(relevant)) return [];
  const names = new Set(
    (validateEnv.errors ?? []).map((error) => error.instancePath.replace(/^\//, '')),
  );
  return [...names].map((name) => `${name} must be ${ENV_HINTS[name] ?? 'valid'}`);
}

/** True for ws://127.x.x.x, ws://localhost and ws://[::1] URLs. */
export function isLoopbackWsUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'ws:') return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Cross-field and format checks that a JSON Schema cannot express. */
function semanticProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  const port = Number(env.PORT ?? '5055');
  if (env.PORT && (port < 1 || port > 65535)) problems.push('PORT must be from 1 to 65535');
  for (const name of ['WHATSAPP_RATE_LIMIT', 'WHATSAPP_MESSAGE_RATE_LIMIT']) {
    const value = env[name];
    if (value && !parseRateLimit(value)) {
      problems.push(`${name} must look like "30 per minute" (per second, minute or hour)`);
    }
  }
  if (env.WHATSAPP_SERVER_ROOT_KEY && !isLoopbackWsUrl(env.WHATSAPP_SERVER_URL ?? '')) {
    problems.push(
      'WHATSAPP_SERVER_ROOT_KEY is refused: it is honoured only with a loopback ws:// WHATSAPP_SERVER_URL (a simulator)',
    );
  }
  const roots = splitList(env.WHATSAPP_ATTACHMENT_ROOTS ?? '');
  for (const root of roots) {
    if (!isAbsolute(root)) {
      problems.push('WHATSAPP_ATTACHMENT_ROOTS must list absolute directories');
      break;
    }
  }
  return problems;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Base for relative defaults (./data). Defaults to process.cwd(). */
  cwd?: string;
  /** True when stdout is a terminal (LOG_FORMAT defaults to pretty there). */
  isTty?: boolean;
}

/**
 * Validates the merged environment and returns a frozen Config. Throws ConfigError listing every
 * problem. Secrets must already be present (see ensureSecrets); this function has no side effects.
 */
export function loadConfig(env: Record<string, string>, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const problems = [...schemaProblems(env), ...semanticProblems(env)];
  for (const name of ['API_KEY_PEPPER', 'FERNET_SALT', 'WEBHOOK_SECRET']) {
    if (!env[name]) problems.push(`${name} is required`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(buildConfig(env, cwd, options.isTty ?? false));
}

function buildConfig(env: Record<string, string>, cwd: string, isTty: boolean): Config {
  const host = env.HOST || '127.0.0.1';
  const port = Number(env.PORT || '5055');
  const publicUrl = (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, '');
  const dataDir = resolve(cwd, 'data');
  const roots = splitList(env.WHATSAPP_ATTACHMENT_ROOTS ?? '');
  return {
    host,
    port,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    databaseUrl: env.DATABASE_URL || `sqlite:${resolve(dataDir, 'openalgo-whatsapp.db')}`,
    dataDir,
    hostServer: (env.HOST_SERVER || 'http://127.0.0.1:5000').replace(/\/+$/, ''),
    apiKeyPepper: env.API_KEY_PEPPER ?? '',
    fernetSalt: env.FERNET_SALT ?? '',
    webhookSecret: env.WEBHOOK_SECRET ?? '',
    attachmentRoots: roots.length > 0 ? roots : [resolve(dataDir, 'attachments')],
    notifyRateLimit: parseRateLimit(env.WHATSAPP_RATE_LIMIT || '30 per minute')!,
    messageRateLimit: parseRateLimit(env.WHATSAPP_MESSAGE_RATE_LIMIT || '10 per minute')!,
    whatsappServerUrl: env.WHATSAPP_SERVER_URL || DEFAULT_WHATSAPP_URL,
    whatsappServerRootKey: env.WHATSAPP_SERVER_ROOT_KEY?.toLowerCase() || null,
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: env.LOG_FORMAT === 'pretty' || (!env.LOG_FORMAT && isTty) ? 'pretty' : 'json',
    alertTtlSeconds: Number(env.ALERT_TTL_SECONDS || '900'),
    metricsToken: env.METRICS_TOKEN || null,
    fromEnv: new Set(Object.keys(ENV_SCHEMA.properties).filter((key) => Boolean(env[key]))),
  };
}
