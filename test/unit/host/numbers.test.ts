import { expect } from 'chai';
import fc from 'fast-check';
import { toNumber } from '../../../src/host/numbers.ts';

describe('toNumber', () => {
  it('parses numbers and numeric strings alike', () => {
    expect(toNumber(83.74)).to.equal(83.74);
    expect(toNumber('83.74')).to.equal(83.74);
    expect(toNumber('-1')).to.equal(-1);
    expect(toNumber(' 0.00 ')).to.equal(0);
    expect(toNumber('1e3')).to.equal(1000);
    expect(toNumber('.5')).to.equal(0.5);
  });

  it('returns null for anything that is not a plain decimal', () => {
    for (const value of [
      '',
      '  ',
      'N/A',
      '0x10',
      'Infinity',
      '1,234.50',
      '12abc',
      null,
      undefined,
      true,
      {},
      [],
    ]) {
      expect(toNumber(value), JSON.stringify(value)).to.equal(null);
    }
    expect(toNumber(Number.NaN)).to.equal(null);
    expect(toNumber(Number.POSITIVE_INFINITY)).to.equal(null);
  });

  it('round-trips every finite double through its string form', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(toNumber(String(value))).to.equal(value);
        expect(toNumber(value)).to.equal(value);
      }),
    );
  });
});
