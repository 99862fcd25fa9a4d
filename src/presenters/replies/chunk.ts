/**
 * Splits a long reply into WhatsApp-sized parts (SPEC §5.3): on line boundaries, numbered
 * `(1/3)`, at most `maxParts` parts with `…and N more lines` at the end of the last one. A line
 * is never cut unless it alone is longer than a part, in which case it is hard-wrapped. A part
 * that ends inside a ``` block closes it, and the next part reopens it, so tables stay monospace.
 */

/** Limits for {@link chunkReply}. */
export interface ChunkOptions {
  /** Longest part, in characters, numbering and fences included. Default 3500. */
  limit?: number;
  /** Most parts sent. Default 4. */
  maxParts?: number;
}

const FENCE = '```';
/** Room kept in each part for `(n/m)\n`, a closing and an opening fence, and the trailer. */
const RESERVE = 48;

function isFence(line: string): boolean {
  return line.trim().startsWith(FENCE);
}

/** Cuts lines longer than `width` into pieces of at most `width` characters. */
function hardWrap(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => {
    if (line.length <= width) return [line];
    const pieces: string[] = [];
    for (let start = 0; start < line.length; start += width)
      pieces.push(line.slice(start, start + width));
    return pieces;
  });
}

interface Part {
  lines: string[];
  /** Source lines in this part (fences added by the splitter not counted). */
  sourceLines: number;
  /** Whether a ``` block is still open at its end. */
  openAtEnd: boolean;
}

/** Greedily packs lines into parts of at most `budget` characters. */
function pack(lines: readonly string[], budget: number): Part[] {
  const parts: Part[] = [];
  let current: Part = { lines: [], sourceLines: 0, openAtEnd: false };
  let size = 0;
  let inFence = false;
  for (const line of lines) {
    if (current.sourceLines > 0 && size + line.length + 1 > budget) {
      current.openAtEnd = inFence;
      parts.push(current);
      current = { lines: inFence ? [FENCE] : [], sourceLines: 0, openAtEnd: false };
      size = inFence ? FENCE.length + 1 : 0;
    }
    current.lines.push(line);
    current.sourceLines += 1;
    size += line.length + 1;
    if (isFence(line)) inFence = !inFence;
  }
  current.openAtEnd = inFence;
  parts.push(current);
  return parts;
}

/** Splits `text` into numbered parts; a short text comes back as the only element, unchanged. */
export function chunkReply(text: string, options: ChunkOptions = {}): string[] {
  const limit = options.limit ?? 3500;
  const maxParts = options.maxParts ?? 4;
  if (text.length <= limit) return [text];
  const budget = Math.max(limit - RESERVE, 1);
  const lines = hardWrap(text.split('\n'), budget);
  const parts = pack(lines, budget);
  const shown = parts.slice(0, maxParts);
  const hidden = lines.length - shown.reduce((sum, part) => sum + part.sourceLines, 0);
  return shown.map((part, index) => {
    const body = [...part.lines];
    if (part.openAtEnd) body.push(FENCE);
    if (index === shown.length - 1 && hidden > 0) {
      body.push(`…and ${hidden} more ${hidden === 1 ? 'line' : 'lines'}`);
    }
    return `(${index + 1}/${shown.length})\n${body.join('\n')}`;
  });
}
