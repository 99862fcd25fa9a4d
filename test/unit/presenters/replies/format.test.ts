import { expect } from 'chai';
import fc from 'fast-check';
import {
  count,
  money,
  signedMoney,
  signedPercent,
  signedQuantity,
  word,
} from '../../../../src/presenters/replies/index.ts';

describe('reply number formatting', () => {
  it('groups money the Indian way with 2 decimals', () => {
    expect(money(9988122.5)).to.equal('99,88,122.50');
    expect(money('320.66')).to.equal('320.66');
    expect(money(0)).to.equal('0.00');
    expect(count(14414545)).to.equal('1,44,14,545');
  });

  it('signs P&L, quantities and percentages, never showing -0', () => {
    expect(signedMoney(1.75)).to.equal('+1.75');
    expect(signedMoney('-0.16')).to.equal('-0.16');
    expect(signedMoney(-0.001)).to.equal('0.00');
    expect(signedQuantity('-1')).to.equal('-1');
    expect(signedQuantity(10)).to.equal('+10');
    expect(signedQuantity(0)).to.equal('0');
    expect(signedPercent(-0.98)).to.equal('-0.98%');
  });

  it('prints n/a for missing or non-numeric values instead of NaN', () => {
    for (const value of [undefined, null, '', 'N/A', true, {}, Number.NaN]) {
      expect(money(value)).to.equal('n/a');
      expect(signedMoney(value)).to.equal('n/a');
    }
  });

  it('prints a number and its 2-dp string form identically', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
        const n = cents / 100;
        expect(money(n.toFixed(2))).to.equal(money(n));
        expect(signedMoney(String(n))).to.equal(signedMoney(n));
      }),
    );
  });

  it('defuses host words that could break the layout', () => {
    expect(word('A\nB')).to.equal('A B');
    expect(word('```x')).to.equal("'''x");
    expect(word(undefined)).to.equal('n/a');
  });
});
