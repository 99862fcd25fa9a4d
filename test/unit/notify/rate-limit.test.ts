import { expect } from 'chai';
import { RateLimitError } from '../../../src/errors.ts';
import { createNotifyRateLimiter } from '../../../src/notify/rate-limit.ts';

describe('notify rate limiter', () => {
  const spec = { limit: 2, windowMs: 60_000, text: '2 per minute' };

  it('allows the limit per IP, then throws a RateLimitError with the seconds to wait', async () => {
    const limiter = createNotifyRateLimiter(spec);
    await limiter.consumeIp('10.0.0.1');
    await limiter.consumeIp('10.0.0.1');
    const error = await limiter.consumeIp('10.0.0.1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RateLimitError);
    const retryAfter = (error as RateLimitError).details?.retry_after as number;
    expect(retryAfter).to.be.within(59, 60);
    expect((error as RateLimitError).headers).to.deep.equal({ 'Retry-After': String(retryAfter) });
    await limiter.consumeIp('10.0.0.2');
  });

  it('keeps the IP and key budgets apart', async () => {
    const limiter = createNotifyRateLimiter(spec);
    await limiter.consumeIp('x');
    await limiter.consumeIp('x');
    await limiter.consumeKey('x');
    await limiter.consumeKey('x');
    const refused = await limiter.consumeKey('x').then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
  });
});
