/** `/help` (also `/start`, `/menu`): generated from the command registry. */

/** What help needs to know about one command. */
export interface HelpEntry {
  usage: string;
  description: string;
  aliases: readonly string[];
}

/** Renders the help text, one line per command, in registry order. */
export function presentHelp(entries: readonly HelpEntry[]): string {
  const lines = entries.map((entry) => {
    const aliases =
      entry.aliases.length > 0 ? ` (also ${entry.aliases.map((a) => `/${a}`).join(', ')})` : '';
    return `${entry.usage}${aliases} - ${entry.description}`;
  });
  return ['*OpenAlgo WhatsApp Bot*', ...lines].join('\n');
}
