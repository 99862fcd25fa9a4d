/** Splits a slash-command into a lower-case name and whitespace-separated arguments. */

/** A parsed command line. */
export interface ParsedCommand {
  /** Lower-case, without leading slashes (`//HELP` → `help`, like OpenAlgo). */
  name: string;
  /** The remaining words, case preserved; no quoting. */
  args: string[];
}

/** Parses `text`; null when it does not start with `/`. */
export function parseCommand(text: string): ParsedCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return null;
  const [head = '', ...args] = trimmed.split(/\s+/);
  return { name: head.replace(/^\/+/, '').toLowerCase(), args };
}
