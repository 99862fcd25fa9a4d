import type { Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import type { WhatsAppLinkOptions } from '../whatsapp/index.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';

/** Replaceable parts, for tests and the sandbox. Anything not given is built from the config. */
export interface AppOverrides {
  logger?: Logger;
  database?: Database;
  /** A ready transport instead of the real link (tests of the code behind the port only). */
  transport?: WhatsAppTransport;
  /**
   * Whether WEBHOOK_SECRET came from the real environment (then the admin page cannot rotate it).
   * Default: `config.fromEnv`, which also counts a value read from data/secrets.json.
   */
  webhookSecretFromEnv?: boolean;
  /** Tuning of the real link (e2e tests and the sandbox: simulator media trust, short keep-alive). */
  whatsappLink?: Partial<
    Pick<WhatsAppLinkOptions, 'socketOverrides' | 'versionLookup' | 'backoff' | 'autoConnect'>
  >;
}
