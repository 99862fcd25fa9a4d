/**
 * Admin account CLI (SPEC §7.1): `npm run admin -- set-password <username>` creates the admin
 * account or replaces its password. The password is read from stdin: typed without echo on a
 * terminal (asked twice), or the first line of piped input. Uses the app's own configuration
 * (environment, `.env`, `data/secrets.json`) and database.
 */
import { resolve } from 'node:path';
import { createAdminAccounts } from '../src/admin/accounts.ts';
import { loadConfig } from '../src/config.ts';
import { mergeEnv, readDotEnv } from '../src/config/dotenv.ts';
import { ensureSecrets } from '../src/config/secrets-file.ts';
import { openDatabase } from '../src/db/index.ts';

const USAGE = 'Usage: npm run admin -- set-password <username>   (the password is read from stdin)';

/** Reads one line from a terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolveLine, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('');
        else text += char;
      }
    };
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolveLine(text);
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** Reads the first line of piped stdin. */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await readHidden('New password: ');
  const second = await readHidden('Repeat it: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}

async function setPassword(username: string): Promise<void> {
  const cwd = process.cwd();
  const env = mergeEnv(process.env, readDotEnv(resolve(cwd, '.env')));
  const secrets = ensureSecrets(env, resolve(cwd, 'data'));
  const config = loadConfig({ ...env, ...secrets.values }, { cwd });
  const password = await readPassword();
  const db = await openDatabase({ databaseUrl: config.databaseUrl });
  try {
    await createAdminAccounts(db).setPassword(username, password);
  } finally {
    await db.close();
  }
  process.stdout.write(
    `Password set for ${username}. Sign in at ${config.publicUrl}/whatsapp/login\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, username, ...rest] = argv;
  if (command !== 'set-password' || !username || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  await setPassword(username);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
