/**
 * The command registry (ARCHITECTURE principle 6): each command is defined once with its name,
 * aliases, one-line description, usage, whether it changes positions, and its handler; `/help`
 * and "did you mean" are generated from this list.
 */
import type { HelpEntry } from '../presenters/replies/index.ts';
import type { CommandHandler } from './context.ts';

/** A registered command. */
export interface CommandDefinition {
  /** Lower-case name without the slash. */
  name: string;
  aliases: readonly string[];
  description: string;
  /** e.g. `/quote <symbol> [exchange]`. */
  usage: string;
  /** Position-changing commands are refused when replayed too late (SPEC §5.4). */
  changesPositions: boolean;
  handler: CommandHandler;
}

/** What {@link defineCommand} accepts: only name, description and handler are required. */
export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  description: string;
  usage?: string;
  changesPositions?: boolean;
  handler: CommandHandler;
}

/** Defines a command, filling in defaults (no aliases, usage `/<name>`, read-only). */
export function defineCommand(spec: CommandSpec): CommandDefinition {
  return {
    name: spec.name.toLowerCase(),
    aliases: (spec.aliases ?? []).map((alias) => alias.toLowerCase()),
    description: spec.description,
    usage: spec.usage ?? `/${spec.name.toLowerCase()}`,
    changesPositions: spec.changesPositions ?? false,
    handler: spec.handler,
  };
}

/** Lookup over a fixed list of commands. */
export interface CommandRegistry {
  lookup(name: string): CommandDefinition | undefined;
  /** The closest name or alias within edit distance 2, or null. */
  suggest(name: string): string | null;
  list(): readonly CommandDefinition[];
  helpEntries(): HelpEntry[];
}

/** Levenshtein distance (insert, delete, substitute), two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Builds the registry; a name or alias used twice is a programming error and throws. */
export function createRegistry(commands: readonly CommandDefinition[]): CommandRegistry {
  const byName = new Map<string, CommandDefinition>();
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (byName.has(name)) throw new Error(`Command name /${name} is registered twice`);
      byName.set(name, command);
    }
  }
  return {
    lookup: (name) => byName.get(name.toLowerCase()),
    suggest(name) {
      if (name === '') return null;
      let best: { name: string; distance: number } | null = null;
      for (const candidate of byName.keys()) {
        const distance = editDistance(name.toLowerCase(), candidate);
        if (distance <= 2 && (best === null || distance < best.distance)) {
          best = { name: candidate, distance };
        }
      }
      return best?.name ?? null;
    },
    list: () => commands,
    helpEntries: () =>
      commands.map(({ usage, description, aliases }) => ({ usage, description, aliases })),
  };
}
