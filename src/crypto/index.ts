/** Public API of the crypto module: encryption at rest, key derivation, comparison, SSO, passwords. */
export { createFernet, InvalidTokenError, MAX_CLOCK_SKEW_SECONDS } from './fernet.ts';
export type { Fernet, FernetDecryptOptions, FernetEncryptOptions } from './fernet.ts';
export {
  deriveKey,
  deriveKeys,
  fernetSaltProblem,
  KEY_DOMAINS,
  pepperProblem,
  PBKDF2_ITERATIONS,
} from './keys.ts';
export type { DomainKeys, KeyDomain } from './keys.ts';
export { createSecretBox } from './secret-box.ts';
export type { SecretBox } from './secret-box.ts';
export { hashApiKey, safeEqual, verifyApiKeyHash } from './compare.ts';
export {
  deriveSsoKey,
  signSsoToken,
  SSO_MAX_LIFETIME_SECONDS,
  verifySsoToken,
} from './sso-token.ts';
export type { SsoClaims } from './sso-token.ts';
export {
  hashPassword,
  MAX_PASSWORD_CHARS,
  MIN_PASSWORD_CHARS,
  validatePasswordStrength,
  verifyPassword,
} from './passwords.ts';
export { decodeWebhookSecret, generateSecrets, isValidWebhookSecret } from './secrets.ts';
export type { GeneratedSecrets } from './secrets.ts';
