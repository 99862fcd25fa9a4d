import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear. Keys, tokens, passwords, session material, message
 * bodies and raw phone numbers never reach a log line in full (SPEC §10).
 */
export const REDACTED_PATHS = [
  'apikey',
  'apiKey',
  'api_key',
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'body',
  'text',
  'caption',
  'phone',
  'phones',
  '*.apikey',
  '*.apiKey',
  '*.api_key',
  '*.password',
  '*.token',
  '*.secret',
  '*.body',
  '*.text',
  '*.caption',
  '*.phone',
  '*.phones',
  '*.creds',
  '*.keys',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
];

/** Options for the root logger. */
export interface RootLoggerOptions {
  level: string;
  format: 'json' | 'pretty';
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
}

/** Builds the root logger. Modules take child loggers (`logger.child({ module: 'outbox' })`). */
export function createRootLogger(options: RootLoggerOptions): Logger {
  const base: LoggerOptions = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'openalgo-whatsapp' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.format === 'pretty') {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(base);
}

/**
 * Masks a phone number or JID user part for logs: keeps the first two and last four digits,
 * e.g. `919876543210` → `+91******3210`. Short or empty input masks entirely.
 */
export function maskPhone(value: string | null | undefined): string {
  const digits = (value ?? '').split('@')[0]?.split(':')[0]?.replace(/\D/g, '') ?? '';
  if (digits.length < 7) return '+***';
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
}

/** Masks a JID for logs, keeping its server part (`+91******3210@s.whatsapp.net`). */
export function maskJid(jid: string | null | undefined): string {
  if (!jid) return '(none)';
  const at = jid.indexOf('@');
  const server = at >= 0 ? jid.slice(at) : '';
  return `${maskPhone(jid)}${server}`;
}
