import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { mergeEnv, readDotEnv } from './config/dotenv.ts';
import { ensureSecrets, type SecretsOutcome } from './config/secrets-file.ts';
import { createRootLogger, type Logger } from './logger.ts';

/** Reads `.env` + environment, fills generated secrets, validates. Exits 1 listing every problem. */
function configure(): { config: Config; secrets: SecretsOutcome } {
  const cwd = process.cwd();
  try {
    const env = mergeEnv(process.env, readDotEnv(resolve(cwd, '.env')));
    const secrets = ensureSecrets(env, resolve(cwd, 'data'));
    const config = loadConfig({ ...env, ...secrets.values }, { cwd, isTty: process.stdout.isTTY });
    return { config, secrets };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Could not load configuration: ${(error as Error).message}\n`);
    }
    process.exit(1);
  }
}

function warnAboutSecrets(logger: Logger, secrets: SecretsOutcome): void {
  if (!secrets.path) return;
  logger.warn(
    { secretsFile: secrets.path, created: secrets.created },
    'Secrets are read from a file next to the database: anyone with a copy of ./data can decrypt the ' +
      'WhatsApp session. Set API_KEY_PEPPER, FERNET_SALT and WEBHOOK_SECRET in the environment for production.',
  );
}

async function main(): Promise<void> {
  const { config, secrets } = configure();
  const logger = createRootLogger({ level: config.logLevel, format: config.logFormat });
  warnAboutSecrets(logger, secrets);
  if (config.whatsappServerRootKey) {
    logger.warn(
      { server: config.whatsappServerUrl },
      '!!! WHATSAPP_SERVER_ROOT_KEY is set: this sidecar talks to a local WhatsApp SIMULATOR, not WhatsApp. ' +
        'Never use this setting with a real account. !!!',
    );
  }
  const app = await createApp(config, {
    logger,
    webhookSecretFromEnv: !secrets.values.WEBHOOK_SECRET,
  });
  await app.listen();
  logger.info({ url: config.publicUrl, admin: `${config.publicUrl}/whatsapp` }, 'listening');
  // A credential: printed to the terminal, never into the JSON log.
  const setupLink = await app.admin.createSetupLink();
  if (setupLink) {
    process.stdout.write(`Set the admin password (works once, valid 30 min): ${setupLink}\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
