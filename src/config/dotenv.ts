import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` from `path` with Node's own parser. A missing file is normal (returns {}); any other
 * read error is thrown so a broken file is not silently ignored.
 */
export function readDotEnv(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = parseEnv(text);
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Process environment wins over `.env`, as SPEC §2 says ("environment, also read from .env"). */
export function mergeEnv(
  processEnv: NodeJS.ProcessEnv,
  dotEnv: Record<string, string>,
): Record<string, string> {
  const merged: Record<string, string> = { ...dotEnv };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
