/**
 * Building blocks for replies: titles with the analyze-mode marker, WhatsApp monospace blocks,
 * and aligned rows. Phones show about 32 monospace characters per line, so wide tables are laid
 * out as two-line rows (a label line and a figures line, each with a right-aligned value) instead
 * of seven columns that would wrap into noise.
 */
import type { HostMode } from '../../host/types.ts';

/** The marker every analyze-mode reply carries (the host's sandbox: no real orders). */
export const ANALYZE_MARKER = 'ANALYZE MODE';

/** Minimum width of aligned rows, so short tables still line up nicely. */
const MIN_WIDTH = 24;

/** `*Title*`, plus ` · ANALYZE MODE` when the host answered from its sandbox. */
export function title(name: string, mode?: HostMode): string {
  return mode === 'analyze' ? `*${name}* · ${ANALYZE_MARKER}` : `*${name}*`;
}

/** Wraps lines in a WhatsApp monospace block. */
export function monospace(lines: readonly string[]): string {
  return ['```', ...lines, '```'].join('\n');
}

/** One line with text on the left and a value on the right. */
export interface SplitLine {
  left: string;
  right: string;
}

/** Lays out lines so every right-hand value ends in the same column. */
export function alignLines(lines: readonly SplitLine[]): string[] {
  const width = Math.max(
    MIN_WIDTH,
    ...lines.map((line) => line.left.length + line.right.length + (line.right ? 2 : 0)),
  );
  return lines.map((line) =>
    line.right === '' ? line.left : line.left.padEnd(width - line.right.length) + line.right,
  );
}

/** Label/value pairs with the values right-aligned, e.g. the funds table. */
export function keyValues(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return alignLines(pairs.map(([left, right]) => ({ left, right })));
}

/** `1 order`, `2 orders`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
