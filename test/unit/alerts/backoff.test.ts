import { expect } from 'chai';
import {
  RETRY_INITIAL_MS,
  RETRY_JITTER,
  RETRY_MAX_MS,
  retryDelayMs,
} from '../../../src/alerts/backoff.ts';

describe('outbox retry backoff', () => {
  it('doubles from 1 s and caps at 60 s without jitter (random = 0.5)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempts) => retryDelayMs(attempts, 0.5));
    expect(delays).to.deep.equal([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(RETRY_INITIAL_MS).to.equal(1000);
    expect(RETRY_MAX_MS).to.equal(60000);
  });

  it('jitters by at most ±20 %', () => {
    expect(RETRY_JITTER).to.equal(0.2);
    expect(retryDelayMs(1, 0)).to.equal(800);
    expect(retryDelayMs(7, 0.999999)).to.be.within(71_999, 72_000);
    for (let i = 0; i < 200; i += 1) {
      const delay = retryDelayMs(3, Math.random());
      expect(delay).to.be.within(3200, 4800);
    }
  });

  it('treats zero attempts like the first and huge counts like the cap', () => {
    expect(retryDelayMs(0, 0.5)).to.equal(1000);
    expect(retryDelayMs(10_000, 0.5)).to.equal(60_000);
  });
});
