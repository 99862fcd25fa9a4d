/**
 * Redacts secrets from command arguments before they reach the audit log (SPEC §5.4; OpenAlgo
 * stores them verbatim). Both `apikey=abc` / `token:abc` and `apikey abc` are caught.
 */

/** Words whose value is secret (compared without leading dashes, case-insensitively). */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  'apikey',
  'api_key',
  'api-key',
  'key',
  'token',
  'password',
  'secret',
]);

/** What replaces a secret value. */
export const REDACTED = '<redacted>';

function isSecretWord(word: string): boolean {
  return SECRET_WORDS.has(word.replace(/^-+/, '').toLowerCase());
}

/** Redacts one `name=value` or `name:value` argument when `name` is a secret word. */
function redactPair(arg: string): string {
  const match = /^([^=:]+)([=:])(.*)$/.exec(arg);
  if (match === null || !isSecretWord(match[1] ?? '')) return arg;
  return `${match[1]}${match[2]}${REDACTED}`;
}

/** A copy of `args` with every secret value replaced by `<redacted>`. */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((arg, index) => {
    const previous = index > 0 ? (args[index - 1] ?? '') : '';
    if (index > 0 && isSecretWord(previous)) return REDACTED;
    return redactPair(arg);
  });
}
