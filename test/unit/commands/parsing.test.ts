import { expect } from 'chai';
import { ALL_COMMANDS } from '../../../src/commands/all.ts';
import { parseCommand } from '../../../src/commands/parser.ts';
import { REDACTED, redactArgs } from '../../../src/commands/redact.ts';
import { createRegistry, defineCommand, editDistance } from '../../../src/commands/registry.ts';

describe('command parsing, registry and redaction', () => {
  it('parses the name case-insensitively, OpenAlgo style, keeping argument case', () => {
    expect(parseCommand('  /Quote  reliance   nse ')).to.deep.equal({
      name: 'quote',
      args: ['reliance', 'nse'],
    });
    expect(parseCommand('//HELP')).to.deep.equal({ name: 'help', args: [] });
    expect(parseCommand('help')).to.equal(null);
  });

  it('looks up names and aliases; suggests the closest within distance 2', () => {
    const registry = createRegistry(ALL_COMMANDS);
    expect(registry.lookup('MENU')?.name).to.equal('help');
    expect(registry.lookup('positon')).to.equal(undefined);
    expect(registry.suggest('positon')).to.equal('positions');
    expect(registry.suggest('fnuds')).to.equal('funds');
    expect(registry.suggest('closal')).to.equal('closeall');
    expect(registry.suggest('xyzzy')).to.equal(null);
    expect(registry.suggest('')).to.equal(null);
  });

  it('computes edit distance', () => {
    expect(editDistance('kitten', 'sitting')).to.equal(3);
    expect(editDistance('', 'abc')).to.equal(3);
    expect(editDistance('pnl', 'pnl')).to.equal(0);
  });

  it('refuses a name registered twice', () => {
    const handler = () => Promise.resolve({ reply: '' });
    const a = defineCommand({ name: 'a', description: 'a', handler });
    const b = defineCommand({ name: 'b', aliases: ['A'], description: 'b', handler });
    expect(() => createRegistry([a, b])).to.throw(/registered twice/);
  });

  it('generates help entries from the registry, in order, for every command of SPEC §5.2', () => {
    const registry = createRegistry(ALL_COMMANDS);
    const usages = registry.helpEntries().map((entry) => entry.usage.split(' ')[0]);
    expect(usages).to.deep.equal([
      '/help',
      '/status',
      '/orderbook',
      '/tradebook',
      '/positions',
      '/holdings',
      '/funds',
      '/pnl',
      '/quote',
      '/closeall',
      '/mode',
      '/mute',
      '/unmute',
      '/alerts',
    ]);
    expect(registry.lookup('closeall')?.changesPositions).to.equal(true);
    expect(ALL_COMMANDS.filter((c) => c.changesPositions).map((c) => c.name)).to.deep.equal([
      'closeall',
    ]);
  });

  it('redacts secret values in both key=value and "key value" forms', () => {
    expect(
      redactArgs([
        'apikey=abc123',
        'KEY',
        'k2',
        '--token:t0k',
        'password',
        'hunter2',
        'secret=',
        'symbol=SBIN',
        'NSE',
      ]),
    ).to.deep.equal([
      `apikey=${REDACTED}`,
      'KEY',
      REDACTED,
      `--token:${REDACTED}`,
      'password',
      REDACTED,
      `secret=${REDACTED}`,
      'symbol=SBIN',
      'NSE',
    ]);
    expect(redactArgs(['RELIANCE', 'NSE'])).to.deep.equal(['RELIANCE', 'NSE']);
  });
});
