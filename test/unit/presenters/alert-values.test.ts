/** Value and clock formatting rules of the alert presenters. */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  count,
  formatClock,
  pyFloat,
  pythonFloatRepr,
  text,
} from '../../../src/presenters/alerts/index.ts';

describe('alert values: text', () => {
  it('prints strings verbatim, numbers shortest, booleans like Python', () => {
    expect(text('RELIANCE')).to.equal('RELIANCE');
    expect(text('0012')).to.equal('0012');
    expect(text(250408000989443)).to.equal('250408000989443');
    expect(text(true)).to.equal('True');
    expect(text(false)).to.equal('False');
  });

  it('prints N/A for absent values and for objects', () => {
    expect(text(undefined)).to.equal('N/A');
    expect(text(null)).to.equal('N/A');
    expect(text({ a: 1 })).to.equal('N/A');
    expect(text([1])).to.equal('N/A');
  });
});

describe('alert values: count', () => {
  it('canonicalises numerals: strings and numbers print the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => count(String(n)) === count(n)),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (n) => count(String(n)) === count(n),
      ),
    );
    expect(count('10.0')).to.equal('10');
    expect(count('2.50')).to.equal('2.5');
    expect(count('-0')).to.equal('0');
  });

  it('prints non-numeric text verbatim', () => {
    expect(count('ten')).to.equal('ten');
    expect(count('12 lots')).to.equal('12 lots');
    expect(count('1e3')).to.equal('1000');
    expect(pyFloat('1e400')).to.equal('1e400');
  });
});

describe('alert values: pyFloat', () => {
  it("matches Python's str(float)", () => {
    const cases: Array<[number, string]> = [
      [1186, '1186.0'],
      [1186.55, '1186.55'],
      [0, '0.0'],
      [-2.5, '-2.5'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e16, '1e+16'],
      [123456789.125, '123456789.125'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [n, expected] of cases) expect(pythonFloatRepr(n), String(n)).to.equal(expected);
  });

  it('prints numeric strings and numbers the same', () => {
    for (const value of ['1186', 1186, '1186.0', '1186.00', ' 1186 ']) {
      expect(pyFloat(value)).to.equal('1186.0');
    }
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        (n) => pyFloat(String(n)) === pyFloat(n),
      ),
    );
  });
});

describe('alert values: formatClock', () => {
  it('prints HH:MM:SS with a 24-hour clock', () => {
    expect(formatClock(new Date('2026-08-24T13:05:09Z'), 'UTC')).to.equal('13:05:09');
    expect(formatClock(new Date('2026-08-24T00:00:00Z'), 'UTC')).to.equal('00:00:00');
  });

  it('prints N/A for an invalid date', () => {
    expect(formatClock(new Date('not a date'), 'UTC')).to.equal('N/A');
  });
});
