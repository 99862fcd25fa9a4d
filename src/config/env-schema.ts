/**
 * JSON Schema for the raw environment (all strings), checked with ajv before any value is used.
 * Cross-field rules (loopback-only simulator root key, rate limit text) live in config.ts.
 */
export const ENV_SCHEMA = {
  type: 'object',
  properties: {
    HOST: { type: 'string', minLength: 1, maxLength: 255 },
    PORT: { type: 'string', pattern: '^[0-9]{1,5}$' },
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^\\s]+$' },
    DATABASE_URL: { type: 'string', pattern: '^(sqlite:.+|postgres(ql)?://.+)$' },
    HOST_SERVER: { type: 'string', pattern: '^https?://[^\\s]+$' },
    API_KEY_PEPPER: { type: 'string', minLength: 32 },
    FERNET_SALT: { type: 'string', minLength: 32, pattern: '^([0-9a-fA-F]{2})+$' },
    WEBHOOK_SECRET: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]{32,}={0,2}$' },
    WHATSAPP_ATTACHMENT_ROOTS: { type: 'string' },
    WHATSAPP_RATE_LIMIT: { type: 'string' },
    WHATSAPP_MESSAGE_RATE_LIMIT: { type: 'string' },
    WHATSAPP_SERVER_URL: { type: 'string', pattern: '^wss?://[^\\s]+$' },
    WHATSAPP_SERVER_ROOT_KEY: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
    LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    LOG_FORMAT: { enum: ['json', 'pretty'] },
    ALERT_TTL_SECONDS: { type: 'string', pattern: '^[0-9]{1,7}$' },
    METRICS_TOKEN: { type: 'string', minLength: 16 },
  },
} as const;

/** Human descriptions of each problem pattern, so errors name the variable and say what is wanted. */
export const ENV_HINTS: Record<string, string> = {
  HOST: 'a host name or IP address',
  PORT: 'a whole number from 1 to 65535',
  PUBLIC_URL: 'an http:// or https:// URL',
  DATABASE_URL: 'sqlite:PATH or postgres://…',
  HOST_SERVER: 'an http:// or https:// URL',
  API_KEY_PEPPER: 'at least 32 characters',
  FERNET_SALT: 'at least 32 hexadecimal characters (an even number)',
  WEBHOOK_SECRET: 'whsec_ followed by base64 (at least 24 random bytes)',
  WHATSAPP_SERVER_URL: 'a ws:// or wss:// URL',
  WHATSAPP_SERVER_ROOT_KEY: '64 hexadecimal characters (a 32-byte public key)',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  LOG_FORMAT: 'json or pretty',
  ALERT_TTL_SECONDS: 'a whole number of seconds',
  METRICS_TOKEN: 'at least 16 characters',
};
