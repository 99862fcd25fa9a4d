import { expect } from 'chai';
import {
  retryAfterMs,
  shouldRetry,
  waitBeforeAttempt,
} from '../../support/host-sim/retry-schedule.ts';

describe('host retry schedule', () => {
  it('retries network errors, 5xx and 429, and nothing else', () => {
    expect(shouldRetry({ error: 'ECONNREFUSED' })).to.be.true;
    for (const status of [500, 502, 503, 429])
      expect(shouldRetry({ status }), String(status)).to.be.true;
    for (const status of [200, 202, 204, 400, 401, 404, 409, 413])
      expect(shouldRetry({ status }), String(status)).to.be.false;
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-08-24T09:00:00Z');
    expect(retryAfterMs('120', now)).to.equal(120_000);
    expect(retryAfterMs('Mon, 24 Aug 2026 09:00:45 GMT', now)).to.equal(45_000);
    expect(retryAfterMs('soon', now)).to.equal(null);
    expect(retryAfterMs(null, now)).to.equal(null);
  });

  it('honours Retry-After only on 429 and 503, and never waits less than the schedule', () => {
    const half = () => 0.5;
    expect(waitBeforeAttempt(1, { status: 503, retryAfter: '1' }, half, 0)).to.equal(2_000);
    expect(waitBeforeAttempt(1, { status: 429, retryAfter: '7' }, half, 0)).to.equal(7_000);
    expect(waitBeforeAttempt(1, { status: 500, retryAfter: '7' }, half, 0)).to.equal(2_000);
    expect(waitBeforeAttempt(0, undefined, half, 0)).to.equal(0);
  });
});
