import { expect } from 'chai';
import { createConfirmationStore } from '../../../src/commands/confirmations.ts';
import { createCommandRateLimiter } from '../../../src/commands/rate-limit.ts';

const T0 = new Date('2026-08-24T04:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('command rate limit', () => {
  it('allows 20 a minute, warns once, then drops until the window ends', () => {
    const limiter = createCommandRateLimiter(20);
    const decisions = Array.from({ length: 25 }, (_, i) => limiter.check('owner', at(i * 100)));
    expect(decisions.filter((d) => d === 'allow')).to.have.length(20);
    expect(decisions[20]).to.equal('warn');
    expect(decisions.slice(21)).to.deep.equal(['drop', 'drop', 'drop', 'drop']);
    expect(limiter.check('owner', at(60_000))).to.equal('allow');
  });

  it('counts senders separately', () => {
    const limiter = createCommandRateLimiter(1);
    expect(limiter.check('a', T0)).to.equal('allow');
    expect(limiter.check('b', T0)).to.equal('allow');
    expect(limiter.check('a', T0)).to.equal('warn');
  });
});

describe('close-all confirmation codes', () => {
  it('issues 4-digit codes that confirm exactly once', () => {
    const store = createConfirmationStore();
    const code = store.issue(T0);
    expect(code).to.match(/^\d{4}$/);
    expect(store.confirm(code, at(59_000))).to.equal('ok');
    expect(store.confirm(code, at(59_500))).to.equal('none');
  });

  it('refuses an expired code and consumes it', () => {
    const store = createConfirmationStore();
    const code = store.issue(T0);
    expect(store.confirm(code, at(60_001))).to.equal('expired');
    expect(store.confirm(code, at(60_002))).to.equal('none');
  });

  it('a wrong code cancels the pending one', () => {
    const store = createConfirmationStore({ randomCode: () => '1234' });
    store.issue(T0);
    expect(store.confirm('4321', at(1000))).to.equal('wrong');
    expect(store.confirm('1234', at(2000))).to.equal('none');
  });

  it('a new preview replaces the previous code', () => {
    const codes = ['1111', '2222'];
    const store = createConfirmationStore({ randomCode: () => codes.shift() ?? '0000' });
    store.issue(T0);
    store.issue(at(1000));
    expect(store.confirm('1111', at(2000))).to.equal('wrong');
  });

  it('draws codes from the whole 0000-9999 range', () => {
    const store = createConfirmationStore();
    const seen = new Set(Array.from({ length: 400 }, () => store.issue(T0)));
    expect(seen.size).to.be.greaterThan(300);
  });
});
