import { expect } from 'chai';
import { DEFAULT_MUTE_MS, muteUntil, nextMidnight } from '../../../src/commands/mute-duration.ts';
import { parseQuoteArgs, QUOTE_USAGE } from '../../../src/commands/quote.ts';

describe('/quote arguments', () => {
  it('upper-cases the symbol and defaults the exchange to NSE', () => {
    expect(parseQuoteArgs(['reliance'])).to.deep.equal({ symbol: 'RELIANCE', exchange: 'NSE' });
    expect(parseQuoteArgs(['nifty', 'nse_index'])).to.deep.equal({
      symbol: 'NIFTY',
      exchange: 'NSE_INDEX',
    });
    expect(parseQuoteArgs(['M&M', 'bse'])).to.deep.equal({ symbol: 'M&M', exchange: 'BSE' });
  });

  it('answers usage errors without calling the host', () => {
    expect(parseQuoteArgs([])).to.deep.equal({ reply: QUOTE_USAGE, outcome: 'usage' });
    const bad = parseQuoteArgs(['SBIN', 'NYSE']);
    expect(bad).to.have.property('outcome', 'usage');
    expect((bad as { reply: string }).reply).to.match(
      /^Unknown exchange "NYSE"\. Use one of: NSE, NFO, .*CRYPTO\.\nUsage:/,
    );
    expect(parseQuoteArgs(['<script>'])).to.have.property('outcome', 'usage');
  });
});

describe('/mute durations', () => {
  const now = new Date('2026-08-24T04:00:00Z');

  it('defaults to 1 hour; reads minutes and hours up to a day', () => {
    expect(muteUntil(undefined, now, 'Asia/Kolkata')?.getTime()).to.equal(
      now.getTime() + DEFAULT_MUTE_MS,
    );
    expect(muteUntil('30m', now, 'Asia/Kolkata')?.toISOString()).to.equal(
      '2026-08-24T04:30:00.000Z',
    );
    expect(muteUntil('2H', now, 'Asia/Kolkata')?.toISOString()).to.equal(
      '2026-08-24T06:00:00.000Z',
    );
    for (const bad of ['0m', '25h', '1441m', 'soon', '-5m', '1d']) {
      expect(muteUntil(bad, now, 'Asia/Kolkata'), bad).to.equal(null);
    }
  });

  it('"today" lasts until midnight in the owner time zone', () => {
    expect(muteUntil('today', now, 'Asia/Kolkata')?.toISOString()).to.equal(
      '2026-08-24T18:30:00.000Z',
    );
    // 04:00Z is exactly midnight starting the 24th in New York (EDT, UTC-4), so the next one is the 25th.
    expect(nextMidnight(now, 'America/New_York').toISOString()).to.equal(
      '2026-08-25T04:00:00.000Z',
    );
    expect(
      nextMidnight(new Date('2026-08-24T03:59:59Z'), 'America/New_York').toISOString(),
    ).to.equal('2026-08-24T04:00:00.000Z');
  });

  it('handles a DST change at the next midnight and falls back for unknown zones', () => {
    // Europe/London springs forward on 2026-03-29 at 01:00 UTC; the day starts at 00:00 GMT.
    expect(nextMidnight(new Date('2026-03-28T12:00:00Z'), 'Europe/London').toISOString()).to.equal(
      '2026-03-29T00:00:00.000Z',
    );
    // Autumn: 2026-10-25 ends BST; midnight of the 26th is 00:00 GMT.
    expect(nextMidnight(new Date('2026-10-25T12:00:00Z'), 'Europe/London').toISOString()).to.equal(
      '2026-10-26T00:00:00.000Z',
    );
    expect(nextMidnight(now, 'Not/AZone').toISOString()).to.equal('2026-08-24T18:30:00.000Z');
  });
});
