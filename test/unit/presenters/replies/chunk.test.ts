import { expect } from 'chai';
import fc from 'fast-check';
import { chunkReply } from '../../../../src/presenters/replies/index.ts';

/** The source lines a part carries: numbering, added fences and the trailer removed. */
function sourceLines(parts: string[]): string[] {
  return parts.flatMap((part, index) => {
    const lines = part.split('\n').slice(1);
    if (index > 0 && lines[0] === '```' && parts[index - 1]?.split('\n').at(-1) === '```') {
      lines.shift();
    }
    return lines;
  });
}

describe('reply chunking', () => {
  it('leaves a reply within the limit untouched', () => {
    const text = 'x'.repeat(3500);
    expect(chunkReply(text)).to.deep.equal([text]);
  });

  it('splits on line boundaries into numbered parts within the limit', () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => `line ${String(i).padStart(3, '0')} ${'-'.repeat(20)}`,
    );
    const parts = chunkReply(lines.join('\n'));
    expect(parts.length).to.equal(3);
    parts.forEach((part, i) => {
      expect(part.startsWith(`(${i + 1}/3)\n`)).to.equal(true);
      expect(part.length).to.be.at.most(3500);
    });
    expect(sourceLines(parts)).to.deep.equal(lines);
  });

  it('sends at most 4 parts and says how many lines were left out', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `row ${i} ${'#'.repeat(30)}`);
    const parts = chunkReply(lines.join('\n'));
    expect(parts).to.have.length(4);
    const last = parts[3] ?? '';
    const shown = sourceLines(parts).filter((line) => line.startsWith('row '));
    const trailer = last.split('\n').at(-1);
    expect(trailer).to.equal(`…and ${1000 - shown.length} more lines`);
    expect(shown).to.deep.equal(lines.slice(0, shown.length));
  });

  it('hard-wraps a single line longer than a part', () => {
    const line = 'y'.repeat(8000);
    const parts = chunkReply(line);
    expect(parts.length).to.be.greaterThan(1);
    parts.forEach((part) => expect(part.length).to.be.at.most(3500));
    expect(sourceLines(parts).join('')).to.equal(line);
  });

  it('closes a monospace block at a part boundary and reopens it in the next part', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `ROW${i} ${'.'.repeat(30)}`);
    const parts = chunkReply(['*Title*', '```', ...rows, '```', 'footer'].join('\n'));
    expect(parts.length).to.equal(2);
    expect(parts[0]?.split('\n').at(-1)).to.equal('```');
    expect(parts[1]?.split('\n')[1]).to.equal('```');
    for (const part of parts)
      expect(part.split('\n').filter((l) => l === '```').length % 2).to.equal(0);
  });

  it('never cuts a line and keeps every part within the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 120 }).map((s) => s.replace(/\n|`/g, ' ')),
          { maxLength: 400 },
        ),
        fc.integer({ min: 200, max: 3500 }),
        (lines, limit) => {
          const text = lines.join('\n');
          const parts = chunkReply(text, { limit });
          parts.forEach((part) => expect(part.length).to.be.at.most(limit));
          if (parts.length === 1 && text.length <= limit) return;
          const shown = sourceLines(parts).filter((l) => !l.startsWith('…and '));
          expect(shown).to.deep.equal(lines.slice(0, shown.length));
        },
      ),
    );
  });
});
